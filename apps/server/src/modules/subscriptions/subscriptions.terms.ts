/**
 * A subscription's terms, as the replay (subscriptions.timeline.ts) passes through them: a 'start', 'renew' or
 * 'reactivate' opens one; an auto-renewing term whose end has passed rolls into the next by its own length (up to
 * today: later ones have not happened yet); an end (a cancellation, a term that does not renew, an 'end') closes
 * the current one on its last paid day; a 'renew' before the current term's end closes it the day before the new
 * one starts. The renewals report reads them (subscription_terms). Pure.
 */

import type { TLineVersion } from './subscriptions.timeline.ts';

export interface TTerm {
  termStart: string;
  /** The term's last day: where it ended or is set to end; null while it runs without an end. */
  lastDay: string | null;
  /** Opened by rolling an auto-renewing term, not by a change. */
  rolled: boolean;
  /** The subscription's MRR (cents, house conventions) on the term's first and last day. */
  startMrrCents: number;
  endMrrCents: number;
}

interface TDraft {
  termStart: string;
  /** The scheduled last day (null: no end set). */
  termEnd: string | null;
  autoRenew: boolean;
  /** Set when the term was closed (ended, or replaced by a renewal). */
  closedOn: string | null;
  rolled: boolean;
}

const shift = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The term that follows an auto-renewing one: as many whole months as it had, else as many days. */
export function nextRolledTerm(termStart: string, termEnd: string): { termStart: string; termEnd: string } {
  const a = new Date(`${termStart}T00:00:00Z`);
  const b = new Date(`${shift(termEnd, 1)}T00:00:00Z`);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  const start = shift(termEnd, 1);
  if (months > 0 && a.getUTCDate() === b.getUTCDate()) {
    const d = new Date(`${start}T00:00:00Z`);
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate())).toISOString().slice(0, 10);
    return { termStart: start, termEnd: shift(end, -1) };
  }
  const days = Math.round((b.getTime() - a.getTime()) / 86_400_000);
  return { termStart: start, termEnd: shift(start, days - 1) };
}

export function createTermLog(today: string) {
  const drafts: TDraft[] = [];
  const current = () => {
    const t = drafts.at(-1);
    return t && t.closedOn === null ? t : undefined;
  };
  /** Rolls an auto-renewing current term until it holds `day` (never past today). */
  const roll = (day: string) => {
    const until = day < today ? day : today;
    for (let t = current(), i = 0; t?.autoRenew && t.termEnd && t.termEnd < until && i < 5000; t = current(), i++) {
      const next = nextRolledTerm(t.termStart, t.termEnd);
      t.closedOn = t.termEnd;
      drafts.push({ ...next, autoRenew: true, closedOn: null, rolled: true });
    }
  };
  return {
    roll,
    open(termStart: string, termEnd: string | null, autoRenew: boolean) {
      // An explicit renewal replaces the terms rolled from its start on.
      while (drafts.length && drafts.at(-1)?.rolled && (drafts.at(-1)?.termStart ?? '') >= termStart) drafts.pop();
      const prev = drafts.at(-1);
      if (prev && (prev.closedOn === null || prev.closedOn >= termStart)) {
        const dayBefore = shift(termStart, -1);
        prev.closedOn = prev.termEnd && prev.termEnd < dayBefore ? prev.termEnd : dayBefore;
      }
      drafts.push({ termStart, termEnd, autoRenew, closedOn: null, rolled: false });
    },
    update(termEnd: string | null, autoRenew: boolean) {
      const t = current();
      if (!t) return;
      t.termEnd = termEnd;
      t.autoRenew = autoRenew;
    },
    /** The subscription stopped: `lastDay` was its last paid day. */
    end(lastDay: string) {
      roll(lastDay);
      const t = current();
      if (t) t.closedOn = lastDay < t.termStart ? t.termStart : lastDay;
    },
    finish(versions: readonly TLineVersion[]): TTerm[] {
      const mrrOn = (day: string) =>
        versions.filter((v) => v.validFrom <= day && (v.validTo === null || v.validTo > day)).reduce((s, v) => s + v.mrrCents, 0);
      return drafts.map((t) => {
        const lastDay = t.closedOn ?? t.termEnd;
        return {
          termStart: t.termStart,
          lastDay,
          rolled: t.rolled,
          startMrrCents: mrrOn(t.termStart),
          endMrrCents: mrrOn(lastDay ?? (today > t.termStart ? today : t.termStart)),
        };
      });
    },
  };
}
