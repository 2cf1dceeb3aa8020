import { StatusBadge } from '@utrecht/component-library-react';
import { CASE_STATUS, TARGET_STATUS, label } from '../i18n/labels';

export function CaseStatusBadge({ status }: { status: string }) {
  return <StatusBadge className={`baken-status baken-status--${status}`}>{label(CASE_STATUS, status)}</StatusBadge>;
}

/** Overdue in words as well as in colour. */
export function OverdueBadge() {
  return <StatusBadge className="baken-status baken-status--overdue">Te laat</StatusBadge>;
}

export function TargetStatusBadge({ status }: { status: string }) {
  return <StatusBadge className={`baken-status baken-target--${status}`}>{label(TARGET_STATUS, status)}</StatusBadge>;
}
