import { Inject, Injectable } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import { DATABASE } from '@baken/platform';

/** Districts and municipalities (editable data, never code) and case references. */
@Injectable()
export class ReferenceData {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async districtIds(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM ref_districts ORDER BY id');
    return rows.map((r) => r.id);
  }

  /** Municipality ids of a district, or null when the district is unknown. */
  async municipalitiesOf(district: string): Promise<string[] | null> {
    const { rows } = await this.db.query<{ id: string | null }>(
      'SELECT m.id FROM ref_districts d LEFT JOIN ref_municipalities m ON m.district_id = d.id WHERE d.id = $1 ORDER BY m.id',
      [district],
    );
    return rows.length === 0 ? null : rows.flatMap((r) => (r.id ? [r.id] : []));
  }

  async municipalityExists(id: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM ref_municipalities WHERE id = $1', [id]);
    return rows.length > 0;
  }

  async districts(): Promise<{ id: string; name: string; municipalities: { id: string; name: string }[] }[]> {
    const { rows } = await this.db.query<{ id: string; name: string; m_id: string | null; m_name: string | null }>(
      'SELECT d.id, d.name, m.id AS m_id, m.name AS m_name FROM ref_districts d LEFT JOIN ref_municipalities m ON m.district_id = d.id ORDER BY d.id, m.name',
    );
    const out = new Map<string, { id: string; name: string; municipalities: { id: string; name: string }[] }>();
    for (const r of rows) {
      const d = out.get(r.id) ?? { id: r.id, name: r.name, municipalities: [] };
      if (r.m_id && r.m_name) d.municipalities.push({ id: r.m_id, name: r.m_name });
      out.set(r.id, d);
    }
    return [...out.values()];
  }

  /**
   * The next human reference, `ZWB-<year>-<5 digits>`. Numbers come from one sequence (no lock, so registrations never
   * wait on each other); they keep counting across years and a rolled-back registration leaves a gap.
   */
  async nextCaseReference(tx: Sql, today: string): Promise<string> {
    const { rows } = await tx.query<{ n: string }>(`SELECT nextval('case_reference_seq')::text AS n`);
    return `ZWB-${today.slice(0, 4)}-${rows[0].n.padStart(5, '0')}`;
  }
}
