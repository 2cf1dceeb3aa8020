import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, settle } from '../api/client';
import { OverdueBadge } from '../components/badges';
import { Loading, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate } from '../dates';
import { DEADLINE_KIND, label } from '../i18n/labels';
import { AppLink } from '../router';

export function WorkQueuePage() {
  const tasks = useQuery(() => settle(api.GET('/api/me/tasks')), 'tasks');
  return (
    <>
      <PageHeading title="Werkvoorraad" />
      <Paragraph>Uw taken met hun uiterste datum, de eerstvolgende bovenaan.</Paragraph>
      {tasks.status === 'loading' ? <Loading what="uw taken" /> : null}
      {tasks.status === 'error' ? <ProblemNotice problem={tasks.problem} what="De werkvoorraad" /> : null}
      {tasks.status === 'ok' && tasks.data.items.length === 0 ? (
        <Paragraph>U heeft geen openstaande taken.</Paragraph>
      ) : null}
      {tasks.status === 'ok' && tasks.data.items.length > 0 ? (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>
              {tasks.data.items.length === 1 ? '1 taak' : `${tasks.data.items.length} taken`}
              {tasks.data.items.some((t) => t.overdue)
                ? `, waarvan ${tasks.data.items.filter((t) => t.overdue).length} te laat`
                : ''}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Casus</TableHeaderCell>
                <TableHeaderCell scope="col">Taak</TableHeaderCell>
                <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
                <TableHeaderCell scope="col">Termijn</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tasks.data.items.map((task) => (
                <TableRow
                  key={`${task.caseId}-${task.kind}-${task.dueOn}`}
                  className={task.overdue ? 'baken-row--overdue' : undefined}
                >
                  <TableCell>
                    <AppLink to={`/casussen/${task.caseId}`}>{task.reference}</AppLink>
                  </TableCell>
                  <TableCell>{label(DEADLINE_KIND, task.kind)}</TableCell>
                  <TableCell>{formatDate(task.dueOn)}</TableCell>
                  <TableCell>{task.overdue ? <OverdueBadge /> : 'Op tijd'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}
