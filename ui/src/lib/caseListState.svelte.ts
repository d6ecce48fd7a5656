import type { CaseQuery } from "./bindings/CaseQuery";
import type { CaseSort } from "./bindings/CaseSort";
import type { CaseStatus } from "./bindings/CaseStatus";

/**
 * What the case list was showing: the search, the filters and where the
 * user was. It outlives the list view, so "← Alle saker" returns to the
 * same place.
 */
/** Rows asked for at a time. */
export const PAGE = 200;

export class CaseListState {
  text = $state("");
  status = $state<CaseStatus | null>(null);
  year = $state<number | null>(null);
  officer = $state<string | null>(null);
  board = $state<string | null>(null);
  sort = $state<CaseSort>("number_desc");
  /** The active row (index in the whole result), -1 for none. */
  active = -1;
  scrollTop = 0;

  /** The query for the page that starts at row `offset`. */
  query(offset: number): CaseQuery {
    const { text, status, year, officer, board, sort } = this;
    return { text, status, year, officer, board, sort, offset, limit: PAGE };
  }

  /** Forgets the search, the filters and the place: the register has been replaced (a backup restored). */
  reset(): void {
    this.text = "";
    this.status = null;
    this.year = null;
    this.officer = null;
    this.board = null;
    this.sort = "number_desc";
    this.active = -1;
    this.scrollTop = 0;
  }
}
