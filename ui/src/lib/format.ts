/** ISO date `2021-04-15` → `15.04.2021`. Anything else is shown as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Arkivsak number as Noark prints it: `{year: 2021, seq: 1069}` → `21/1069`. */
export function caseNumber(n: { year: number; seq: number } | null): string {
  return n ? `${String(n.year % 100).padStart(2, "0")}/${n.seq}` : "";
}

/** Utvalssak number: `{year: 2021, seq: 54}` → `54/21`. */
export function agendaNumber(n: { year: number; seq: number }): string {
  return `${n.seq}/${String(n.year % 100).padStart(2, "0")}`;
}
