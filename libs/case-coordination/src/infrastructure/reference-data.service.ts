import { Inject, Injectable } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import { useOrganisationClaims } from '@baken/access';
import { DATABASE } from '@baken/platform';
import { referenceDataGeneration } from '../reference-data/changes';
import { isValidOn } from '../reference-data/reference-data.domain';

export interface DistrictWithMunicipalities {
  id: string;
  name: string;
  /**
   * Ordered by name; every municipality the district had, with the days it exists (`null`: since before the records,
   * or still): screens offer the ones valid on the date at hand.
   */
  municipalities: { id: string; name: string; validFrom: string | null; validUntil: string | null }[];
}

/** A type of the intervention catalogue (ADR 62). */
export interface CatalogueType {
  type: string;
  level: string;
  label: string;
  retired: boolean;
}

/** An organisation (DOMAIN.md "Organisations"): municipalities' follow the municipalities. */
export interface Organisation {
  id: string;
  kind: string;
  name: string;
  /** May be named in new work (an administrator deactivates organisations; retired municipalities' stay usable). */
  active: boolean;
}

interface Snapshot {
  /** Ordered by district id. */
  districts: DistrictWithMunicipalities[];
  /** Municipality ids per district, ordered by id. */
  municipalityIdsByDistrict: Map<string, string[]>;
  municipalityIds: Set<string>;
  municipalitiesById: Map<string, { validFrom: string | null; validUntil: string | null }>;
  /** Ordered by kind and name. */
  organisations: Organisation[];
  /** The active ones. */
  organisationIds: Set<string>;
  interventionTypes: Map<string, CatalogueType>;
  loadedAt: number;
  generation: number;
}

/**
 * How long the in-process copy of the reference data is used before it is read again. An administrator's change
 * through this process is seen at once; one through another process within this time.
 */
const REFRESH_MS = 60_000;
/**
 * An id missing from the copy is looked up again (so an addition is known at once), but at most this often: a
 * stream of requests naming unknown districts must not turn into a stream of reads.
 */
const MISS_RELOAD_MS = 1_000;

/** Case reference numbers this process takes from the sequence at a time. */
const REFERENCE_BLOCK = 16;

/**
 * Districts, municipalities and organisations (editable data, never code) and case references. The districts and municipalities
 * are read on every registration, so they are kept in memory instead of costing two queries each time.
 */
@Injectable()
export class ReferenceData {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private readonly spareReferenceNumbers: number[] = [];
  private takingBlock: Promise<void> | null = null;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async districtIds(): Promise<string[]> {
    return (await this.current()).districts.map((d) => d.id);
  }

  /** Municipality ids of a district, or null when the district is unknown. */
  async municipalitiesOf(district: string): Promise<string[] | null> {
    const found = await this.lookUp((s) => s.municipalityIdsByDistrict.get(district));
    return found ? [...found] : null;
  }

  async municipalityExists(id: string): Promise<boolean> {
    return (await this.lookUp((s) => (s.municipalityIds.has(id) ? true : undefined))) === true;
  }

  /** Whether a municipality exists on a business date (a merger ends the old ones and starts the new one). */
  async municipalityValidOn(id: string, date: string): Promise<'unknown' | 'valid' | 'not_valid'> {
    const entry = await this.lookUp((s) => s.municipalitiesById.get(id));
    if (!entry) return 'unknown';
    return isValidOn(entry, date) ? 'valid' : 'not_valid';
  }

  /** A type of the intervention catalogue, retired or not; `null` when there is no such type. */
  async interventionType(type: string): Promise<CatalogueType | null> {
    const found = await this.lookUp((s) => s.interventionTypes.get(type));
    return found ? { ...found } : null;
  }

  /** The intervention catalogue, ordered by type. */
  async interventionTypes(): Promise<CatalogueType[]> {
    return [...(await this.current()).interventionTypes.values()].map((t) => ({ ...t }));
  }

  async organisations(): Promise<Organisation[]> {
    return (await this.current()).organisations.map((o) => ({ ...o }));
  }

  async organisationExists(id: string): Promise<boolean> {
    return (await this.lookUp((s) => (s.organisationIds.has(id) ? true : undefined))) === true;
  }

  async districts(): Promise<DistrictWithMunicipalities[]> {
    return (await this.current()).districts.map((d) => ({
      ...d,
      municipalities: d.municipalities.map((m) => ({ ...m })),
    }));
  }

  /**
   * The next human reference, `ZWB-<year>-<5 digits>`. Numbers come from one sequence (no lock, so registrations never
   * wait on each other); they keep counting across years and a rolled-back registration leaves a gap. Each process
   * takes a small block of numbers in one query and hands them out in order, which saves a round trip on almost every
   * registration: references stay unique, but with several API processes they are not strictly in the order of
   * registration, and a stopped process leaves the rest of its block unused. The block is taken through `tx` (the
   * sequence ignores the transaction) because on embedded PGlite the database cannot be used from inside one.
   */
  async nextCaseReference(tx: Sql, today: string): Promise<string> {
    while (this.spareReferenceNumbers.length === 0) {
      // Concurrent registrations wait for one block instead of each taking their own.
      const shared = this.takingBlock;
      if (shared) {
        // When someone else's transaction failed to take it, the next turn takes one through ours.
        await shared.catch(() => undefined);
        continue;
      }
      this.takingBlock = this.takeBlock(tx).finally(() => {
        this.takingBlock = null;
      });
      await this.takingBlock;
    }
    const n = this.spareReferenceNumbers.shift()!;
    return `ZWB-${today.slice(0, 4)}-${String(n).padStart(5, '0')}`;
  }

  private async takeBlock(tx: Sql): Promise<void> {
    const { rows } = await tx.query<{ n: string }>(
      `SELECT nextval('case_reference_seq')::text AS n FROM generate_series(1, $1::int)`,
      [REFERENCE_BLOCK],
    );
    this.spareReferenceNumbers.push(...rows.map((r) => Number(r.n)));
    this.spareReferenceNumbers.sort((a, b) => a - b);
  }

  /** The answer from the in-memory copy; when it has none, from a fresh read (so a new id is known at once). */
  private async lookUp<T>(find: (snapshot: Snapshot) => T | undefined): Promise<T | undefined> {
    const snapshot = await this.current();
    const found = find(snapshot);
    if (
      found !== undefined ||
      (Date.now() - snapshot.loadedAt < MISS_RELOAD_MS && snapshot.generation === referenceDataGeneration())
    )
      return found;
    return find(await this.reload(snapshot));
  }

  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && Date.now() - snapshot.loadedAt < REFRESH_MS && snapshot.generation === referenceDataGeneration())
      return snapshot;
    return this.reload(snapshot);
  }

  /** Reads the tables again, unless a read that started after `stale` was loaded is already under way or done. */
  private reload(stale: Snapshot | null): Promise<Snapshot> {
    if (this.snapshot !== stale) return Promise.resolve(this.snapshot!);
    this.loading ??= this.read().then(
      (fresh) => {
        this.snapshot = fresh;
        this.loading = null;
        return fresh;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /**
   * Districts with their municipalities, the organisations besides the municipalities and the intervention catalogue,
   * in one round trip.
   */
  private async read(): Promise<Snapshot> {
    const generation = referenceDataGeneration();
    const { rows } = await this.db.query<{
      id: string;
      name: string;
      m_id: string | null;
      m_name: string | null;
      kind: string | null;
      valid_from: string | null;
      valid_until: string | null;
      active: boolean | null;
      claim: string | null;
    }>(
      `SELECT 'd' AS src, d.id, d.name, m.id AS m_id, m.name AS m_name, NULL AS kind,
              m.valid_from::text AS valid_from, m.valid_until::text AS valid_until, NULL::boolean AS active,
              NULL AS claim
         FROM ref_districts d LEFT JOIN ref_municipalities m ON m.district_id = d.id
       UNION ALL SELECT 'o', id, name, NULL, NULL, kind, NULL, NULL, active, identity_claim FROM ref_organisations
       UNION ALL SELECT 't', type, label, NULL, NULL, level, NULL, NULL, retired, NULL FROM ref_intervention_types
       ORDER BY 1, 2, 5`,
    );
    const districts = new Map<string, DistrictWithMunicipalities>();
    const others: Organisation[] = [];
    const interventionTypes = new Map<string, CatalogueType>();
    const claims = new Map<string, string>();
    for (const r of rows as ((typeof rows)[number] & { src: string })[]) {
      if (r.src === 'o') {
        others.push({ id: r.id, kind: r.kind!, name: r.name, active: r.active !== false });
        if (r.claim !== null && r.claim !== r.id) claims.set(r.claim, r.id);
        continue;
      }
      if (r.src === 't') {
        interventionTypes.set(r.id, { type: r.id, level: r.kind!, label: r.name, retired: r.active === true });
        continue;
      }
      const d = districts.get(r.id) ?? { id: r.id, name: r.name, municipalities: [] };
      if (r.m_id && r.m_name)
        d.municipalities.push({ id: r.m_id, name: r.m_name, validFrom: r.valid_from, validUntil: r.valid_until });
      districts.set(r.id, d);
    }
    const list = [...districts.values()];
    // A municipality is an organisation too: `municipality:<id>`, named after it; one that merged keeps its cases.
    const organisations = [
      ...others,
      ...list.flatMap((d) =>
        d.municipalities.map((m) => ({
          id: `municipality:${m.id}`,
          kind: 'municipality',
          name: `Gemeente ${m.name}`,
          active: true,
        })),
      ),
    ].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    const municipalities = list.flatMap((d) => d.municipalities);
    // Users signing in through the identity provider are mapped to their organisation by its claim.
    useOrganisationClaims(claims);
    return {
      organisations,
      organisationIds: new Set(organisations.filter((o) => o.active).map((o) => o.id)),
      districts: list,
      municipalityIdsByDistrict: new Map(list.map((d) => [d.id, d.municipalities.map((m) => m.id).sort()])),
      municipalityIds: new Set(municipalities.map((m) => m.id)),
      municipalitiesById: new Map(
        municipalities.map((m) => [m.id, { validFrom: m.validFrom, validUntil: m.validUntil }]),
      ),
      interventionTypes,
      loadedAt: Date.now(),
      generation,
    };
  }
}
