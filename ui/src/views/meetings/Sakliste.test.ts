import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SaklisteEntry, WaitingCase } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { formannskapet } from "../../test/backend";
import { ikt, item, kommunestyreMeeting, meetingsBackend, plannedMeeting, sentLists } from "../../test/meetings";
import MeetingsScreen from "./MeetingsScreen.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

async function renderMeeting(id: number) {
  const props = { selected: id, onSelect: vi.fn(), onCreated: vi.fn(), onNotice: vi.fn(), onDirtyChange: vi.fn() };
  render(MeetingsScreen, props);
  const list = await screen.findByTestId("sakliste");
  return { ...props, list };
}

const rowTexts = (list: HTMLElement) =>
  within(list)
    .queryAllByTestId("sakliste-row")
    .map((r) => [within(r).getByTestId("sakliste-number").textContent, within(r).getByTestId("sakliste-title").textContent]);

/** What a stored item sends back when nothing of it changed. */
const stored = (id: number, case_number: string | null, title: string, over: Partial<SaklisteEntry> = {}): SaklisteEntry => ({
  id,
  case_number,
  title,
  series: 0,
  number: null,
  closed: false,
  closed_basis: null,
  added_late: false,
  ...over,
});

const refuse = (field: string, message: string) => () => {
  throw { code: "invalid", message: "Saklista kan ikkje lagrast slik.", fields: [{ field, message }] };
};

describe("saklista", () => {
  it("adds two cases found by search and Enter, moves one, and shows the numbers that come back", async () => {
    const calls = meetingsBackend();
    const { list, onNotice } = await renderMeeting(10);
    expect(within(list).getByTestId("sakliste-empty")).toHaveTextContent("Ingen saker på saklista enno.");

    const add = within(list).getByLabelText("Legg til sak");
    expect(add).toHaveAccessibleDescription(/Skriv saksnummeret/);
    await userEvent.type(add, "budsj");
    expect(await within(list).findByRole("option", { name: /Budsjett 2027/ })).toHaveAttribute("aria-selected", "true");
    expect(within(list).getByRole("option", { name: "Legg til «budsj» utan arkivsak" })).toBeInTheDocument();
    await userEvent.keyboard("{Enter}");
    await vi.waitFor(() => expect(rowTexts(list)).toEqual([["1/26", "Budsjett 2027"]]));
    expect(sentLists(calls)).toEqual([[{ ...stored(0, "26/14", "Budsjett 2027"), id: null }]]);
    expect(onNotice).toHaveBeenLastCalledWith("«Budsjett 2027» er lagd til. Saklista er lagra.");
    expect(add).toHaveFocus();
    expect(add).toHaveValue("");

    // A number typed and Enter at once: the search runs before the case is added.
    await userEvent.type(add, "26/15{Enter}");
    await vi.waitFor(() =>
      expect(rowTexts(list)).toEqual([
        ["1/26", "Budsjett 2027"],
        ["2/26", "Økonomiplan 2027–2030"],
      ]),
    );
    const [, second] = sentLists(calls);
    expect(second).toEqual([stored(100, "26/14", "Budsjett 2027"), { ...stored(0, "26/15", "Økonomiplan 2027–2030"), id: null }]);
    const row = within(list).getAllByTestId("sakliste-row")[1] as HTMLElement;
    expect(within(row).getByRole("cell", { name: "26/15" })).toBeInTheDocument();

    const up = within(list).getByRole("button", { name: "Flytt opp: Økonomiplan 2027–2030" });
    await userEvent.click(up);
    await vi.waitFor(() =>
      expect(rowTexts(list)).toEqual([
        ["1/26", "Økonomiplan 2027–2030"],
        ["2/26", "Budsjett 2027"],
      ]),
    );
    expect(sentLists(calls)[2]).toEqual([stored(101, "26/15", "Økonomiplan 2027–2030"), stored(100, "26/14", "Budsjett 2027")]);
    expect(onNotice).toHaveBeenLastCalledWith("«Økonomiplan 2027–2030» er no sak 1 av 2. Saklista er lagra.");
    // The focus stays on the button that moved the row; at the top it can go no further.
    expect(up).toHaveFocus();
    expect(up).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(up);
    expect(sentLists(calls)).toHaveLength(3);
  });

  it("marks a case already on the list and does not add it twice", async () => {
    const calls = meetingsBackend();
    const { list } = await renderMeeting(11);
    await userEvent.type(within(list).getByLabelText("Legg til sak"), "26/14");
    const option = await within(list).findByRole("option", { name: /Budsjett 2027/ });
    expect(option).toHaveTextContent("står alt på saklista");
    expect(option).toHaveAttribute("aria-disabled", "true");
    await userEvent.keyboard("{Enter}");
    await userEvent.click(option);
    expect(sentLists(calls)).toEqual([]);
  });

  it("adds an item without an arkivsak, with what was typed as its title", async () => {
    const calls = meetingsBackend();
    const { list } = await renderMeeting(10);
    await userEvent.type(within(list).getByLabelText("Legg til sak"), "Orientering frå rådmannen");
    const free = await within(list).findByRole("option", { name: "Legg til «Orientering frå rådmannen» utan arkivsak" });
    // Nothing in the register has those words: adding it is the only choice, and chosen.
    expect(free).toHaveAttribute("aria-selected", "true");
    expect(within(list).getByText("Ingen saker passar.")).toBeInTheDocument();
    await userEvent.keyboard("{Enter}");
    await vi.waitFor(() => expect(rowTexts(list)).toEqual([["1/26", "Orientering frå rådmannen"]]));
    expect(sentLists(calls)).toEqual([[{ ...stored(0, null, "Orientering frå rådmannen"), id: null }]]);
    expect(within(list).getByText("utan arkivsak")).toBeInTheDocument();
  });

  it("sends a number only for the items given one by hand, and the series and boxes as set", async () => {
    const calls = meetingsBackend();
    const { list } = await renderMeeting(11);
    expect(rowTexts(list)).toEqual([
      ["PS 054/26", "Budsjett 2027"],
      ["PS 055/26", "Økonomiplan 2027–2030"],
      ["PS 056/26", "Orientering frå rådmannen"],
    ]);
    expect(within(list).getByLabelText("Nummer for hand: Budsjett 2027")).toHaveValue("054/26");
    expect(within(list).getByLabelText("Nummer for hand: Orientering frå rådmannen")).toHaveValue("");

    await userEvent.selectOptions(within(list).getByLabelText("Serie: Orientering frå rådmannen"), "RS – Referatsaker");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
    expect(sentLists(calls)[0]).toEqual([
      stored(21, "26/14", "Budsjett 2027", { number: "054/26" }),
      stored(22, "26/15", "Økonomiplan 2027–2030"),
      stored(23, null, "Orientering frå rådmannen", { series: 1 }),
    ]);
    await vi.waitFor(() => expect(rowTexts(list)[2]).toEqual(["RS 001/26", "Orientering frå rådmannen"]));

    await userEvent.click(within(list).getByLabelText("Lukka: Økonomiplan 2027–2030"));
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(2));
    expect(sentLists(calls)[1]?.[1]).toEqual(stored(22, "26/15", "Økonomiplan 2027–2030", { closed: true }));
    const basis = await within(list).findByLabelText("Heimel: Økonomiplan 2027–2030");
    await userEvent.type(basis, "kl. § 11-5 (2) a");
    await userEvent.tab();
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(3));
    expect(sentLists(calls)[2]?.[1]).toEqual(
      stored(22, "26/15", "Økonomiplan 2027–2030", { closed: true, closed_basis: "kl. § 11-5 (2) a" }),
    );

    await userEvent.click(within(list).getByLabelText("Tilleggssak: Orientering frå rådmannen"));
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(4));
    expect(sentLists(calls)[3]?.[2]).toEqual(stored(23, null, "Orientering frå rådmannen", { series: 1, added_late: true }));

    // A number typed by hand, with or without the series' prefix, is sent without it.
    const own = within(list).getByLabelText("Nummer for hand: Økonomiplan 2027–2030");
    await userEvent.type(own, "PS 060/26{Enter}");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(5));
    expect(sentLists(calls)[4]?.[1]?.number).toBe("060/26");
    await vi.waitFor(() => expect(rowTexts(list)[1]).toEqual(["PS 060/26", "Økonomiplan 2027–2030"]));

    // Ctrl+S in a row's field saves the list (and the meeting form) without leaving the field.
    const third = within(list).getByLabelText("Nummer for hand: Orientering frå rådmannen");
    await userEvent.type(third, "7/26{Control>}s{/Control}");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(6));
    expect(sentLists(calls)[5]?.[2]?.number).toBe("7/26");
    expect(third).toHaveFocus();
    expect(calls.filter((c) => c.cmd === "update_meeting")).toHaveLength(1);
  });

  it("keeps a refused list on screen with the problem beside its row, and Angre brings back the stored one", async () => {
    // The back end names the row that asks for 54/26, which Budsjett 2027 has.
    const calls = meetingsBackend([kommunestyreMeeting], {
      set_sakliste: (a) => {
        const numbers = (a.items as SaklisteEntry[]).map((e) => e.number);
        const row = numbers.lastIndexOf("054/26");
        return refuse(`items.${row}.number`, "Utvalssak 54/26 er alt brukt i denne nummerserien.")();
      },
    });
    const { list, onNotice, onDirtyChange } = await renderMeeting(11);
    const own = within(list).getByLabelText("Nummer for hand: Orientering frå rådmannen");
    await userEvent.type(own, "054/26");
    await userEvent.tab();
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
    expect(sentLists(calls)[0]?.[2]?.number).toBe("054/26");

    const alert = await within(list).findByRole("alert");
    expect(alert).toHaveTextContent("Saklista kan ikkje lagrast slik.");
    expect(own).toHaveValue("054/26");
    expect(own).toHaveAttribute("aria-invalid", "true");
    expect(own).toHaveAccessibleDescription("Utvalssak 54/26 er alt brukt i denne nummerserien.");
    const rows = within(list).getAllByTestId("sakliste-row");
    expect(rows[2]).toHaveTextContent("Utvalssak 54/26 er alt brukt i denne nummerserien.");
    expect(rows[0]).not.toHaveTextContent("alt brukt");
    expect(within(list).getByLabelText("Nummer for hand: Budsjett 2027")).not.toHaveAttribute("aria-invalid");
    expect(onNotice).not.toHaveBeenCalled();
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);

    // A move is refused too: the list stays as the clerk made it.
    await userEvent.click(within(list).getByRole("button", { name: "Flytt opp: Orientering frå rådmannen" }));
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(2));
    expect(sentLists(calls)[1]?.map((e) => e.id)).toEqual([21, 23, 22]);
    expect(rowTexts(list).map(([, title]) => title)).toEqual([
      "Budsjett 2027",
      "Orientering frå rådmannen",
      "Økonomiplan 2027–2030",
    ]);
    expect(within(list).getByLabelText("Nummer for hand: Orientering frå rådmannen")).toHaveValue("054/26");
    // The problem follows its row.
    expect(within(list).getAllByTestId("sakliste-row")[1]).toHaveTextContent("alt brukt");
    expect(within(list).getAllByTestId("sakliste-row")[2]).not.toHaveTextContent("alt brukt");

    // Angre: the stored list again, without a save.
    await userEvent.click(within(list).getByTestId("sakliste-undo"));
    await vi.waitFor(() =>
      expect(rowTexts(list).map(([, title]) => title)).toEqual([
        "Budsjett 2027",
        "Økonomiplan 2027–2030",
        "Orientering frå rådmannen",
      ]),
    );
    expect(within(list).queryByRole("alert")).not.toBeInTheDocument();
    expect(sentLists(calls)).toHaveLength(2);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it("shows a problem with the list as a whole in the banner", async () => {
    meetingsBackend([kommunestyreMeeting], {
      set_sakliste: refuse("items", "Sak PS 055/26 (Økonomiplan 2027–2030) har behandling eller vedtak ført."),
    });
    const { list } = await renderMeeting(11);
    await userEvent.click(within(list).getByLabelText("Tilleggssak: Budsjett 2027"));
    expect(await within(list).findByRole("alert")).toHaveTextContent(
      "Saklista kan ikkje lagrast slik. Sak PS 055/26 (Økonomiplan 2027–2030) har behandling eller vedtak ført.",
    );
    expect(within(list).getByLabelText("Tilleggssak: Budsjett 2027")).toBeChecked();
  });

  it("undoes the last change by saving the list before it, with Angre or Ctrl+Z outside a text field", async () => {
    const calls = meetingsBackend();
    const { list, onNotice } = await renderMeeting(11);
    const undo = within(list).getByTestId("sakliste-undo");
    expect(undo).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(undo);
    expect(sentLists(calls)).toEqual([]);

    await userEvent.click(within(list).getByRole("button", { name: "Flytt ned: Budsjett 2027" }));
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
    expect(sentLists(calls)[0]?.map((e) => e.id)).toEqual([22, 21, 23]);
    await userEvent.click(within(list).getByRole("button", { name: "Ta bort: Orientering frå rådmannen" }));
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(2));
    expect(sentLists(calls)[1]?.map((e) => e.id)).toEqual([22, 21]);
    await vi.waitFor(() => expect(within(list).getAllByTestId("sakliste-row")).toHaveLength(2));

    // Ctrl+Z in the add field is the field's own.
    within(list).getByLabelText("Legg til sak").focus();
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(sentLists(calls)).toHaveLength(2);

    // Outside the sakliste (the meeting form, the status, the meetings list) Ctrl+Z is not the list's.
    const outside = screen.getAllByRole("button").find((b) => !list.contains(b)) as HTMLElement;
    outside.focus();
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(sentLists(calls)).toHaveLength(2);

    // Outside a text field it undoes the removal: the item comes back (as a new one) in its place.
    within(list).getByRole("button", { name: "Flytt opp: Budsjett 2027" }).focus();
    await userEvent.keyboard("{Control>}z{/Control}");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(3));
    expect(sentLists(calls)[2]).toEqual([
      stored(22, "26/15", "Økonomiplan 2027–2030"),
      stored(21, "26/14", "Budsjett 2027", { number: "054/26" }),
      stored(0, null, "Orientering frå rådmannen", { id: null }),
    ]);
    expect(onNotice).toHaveBeenLastCalledWith("Den siste endringa er angra. Saklista er lagra.");

    // Angre again: the move is undone.
    await userEvent.click(undo);
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(4));
    expect(sentLists(calls)[3]?.map((e) => e.title)).toEqual([
      "Budsjett 2027",
      "Økonomiplan 2027–2030",
      "Orientering frå rådmannen",
    ]);
    await vi.waitFor(() => expect(undo).toHaveAttribute("aria-disabled", "true"));
  });

  it("does not take off an item with behandling recorded, and says why", async () => {
    const calls = meetingsBackend();
    const { list } = await renderMeeting(11);
    const kept = within(list).getByRole("button", { name: "Ta bort: Økonomiplan 2027–2030" });
    expect(kept).toHaveAttribute("aria-disabled", "true");
    expect(kept).toHaveAccessibleDescription("Saka har behandling eller vedtak ført, så ho kan ikkje takast av lista.");
    expect(kept).toHaveAttribute("title", "Saka har behandling eller vedtak ført, så ho kan ikkje takast av lista.");
    await userEvent.click(kept);
    expect(sentLists(calls)).toEqual([]);

    const other = within(list).getByRole("button", { name: "Ta bort: Budsjett 2027" });
    expect(other).not.toHaveAttribute("aria-disabled");
    await userEvent.click(other);
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
    expect(sentLists(calls)[0]?.map((e) => e.id)).toEqual([22, 23]);
    // The focus goes to the row that took its place.
    await vi.waitFor(() => expect(within(list).getByRole("button", { name: "Ta bort: Økonomiplan 2027–2030" })).toHaveFocus());
  });

  it("moves the row the focus is in with Alt+arrow keys and keeps the focus there", async () => {
    const calls = meetingsBackend();
    const { list } = await renderMeeting(11);
    const late = within(list).getByLabelText("Tilleggssak: Budsjett 2027");
    late.focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
    expect(sentLists(calls)[0]?.map((e) => e.id)).toEqual([22, 21, 23]);
    expect(late).toHaveFocus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(2));
    expect(sentLists(calls)[1]?.map((e) => e.id)).toEqual([22, 23, 21]);
    expect(late).toHaveFocus();
    // At the bottom it stays.
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await userEvent.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(3));
    expect(sentLists(calls)[2]?.map((e) => e.id)).toEqual([22, 21, 23]);
    expect(late).toHaveFocus();
  });

  it("gives new items the next free number once the meeting is held, and fixes the stored ones", async () => {
    const held = {
      ...plannedMeeting,
      status: "held" as const,
      items: [item(formannskapet, { seq: 3, id: 31, title: "Referatsaker" })],
    };
    const calls = meetingsBackend([held]);
    const { list } = await renderMeeting(10);
    expect(within(list).queryByLabelText("Nummer for hand: Referatsaker")).not.toBeInTheDocument();
    await userEvent.type(within(list).getByLabelText("Legg til sak"), "IKT{Enter}");
    await vi.waitFor(() =>
      expect(rowTexts(list)).toEqual([
        ["3/26", "Referatsaker"],
        ["4/26", "IKT-samarbeid. Etablering av avtale med SYS-IKT"],
      ]),
    );
    expect(sentLists(calls)[0]?.[0]).toEqual(stored(31, null, "Referatsaker"));
  });

  describe("cases waiting for the board", () => {
    const sentHere: WaitingCase = {
      id: ikt.id,
      case_number: ikt.number,
      title: ikt.title,
      from: "Formannskapet og næringsutvalet 15.04.2021, sak 54/21",
      recommendation: "Luster kommune bør utvikle sin eigen IKT-strategi.",
    };
    const waitingBackend = () => meetingsBackend(undefined, {}, undefined, {}, {}, {}, {}, { 2: [sentHere] });

    it("lists them under «Ventar på møte» with where they come from, and adds one by its case number", async () => {
      const calls = waitingBackend();
      const { list, onNotice } = await renderMeeting(11);
      const waiting = await within(list).findByRole("list", { name: "Ventar på møte" });
      expect(calls.filter((c) => c.cmd === "waiting_cases").map((c) => c.args)).toEqual([{ board: 2 }]);
      expect(within(list).getByRole("heading", { name: "Ventar på møte" })).toBeInTheDocument();
      const [only, ...rest] = within(waiting).getAllByTestId("waiting-case");
      expect(rest).toHaveLength(0);
      expect(only).toHaveTextContent("21/1069");
      expect(only).toHaveTextContent("IKT-samarbeid. Etablering av avtale med SYS-IKT");
      expect(only).toHaveTextContent("Frå Formannskapet og næringsutvalet 15.04.2021, sak 54/21");

      await userEvent.click(within(only as HTMLElement).getByRole("button", { name: "Legg til 21/1069 IKT-samarbeid. Etablering av avtale med SYS-IKT" }));
      await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
      expect(sentLists(calls)[0]?.at(-1)).toEqual({ ...stored(0, "21/1069", ikt.title), id: null });
      expect(onNotice).toHaveBeenLastCalledWith(`«${ikt.title}» er lagd til. Saklista er lagra.`);
      // On the list now: it waits no more, and the focus is back in the field.
      await vi.waitFor(() => expect(within(list).queryAllByTestId("waiting-case")).toHaveLength(0));
      expect(within(list).getByLabelText("Legg til sak")).toHaveFocus();
    });

    it("shows a waiting case first among the cases found, with where it comes from, and hides the list while typing", async () => {
      const calls = waitingBackend();
      const { list } = await renderMeeting(11);
      await within(list).findByTestId("waiting-case");
      await userEvent.type(within(list).getByLabelText("Legg til sak"), "21/1069");
      const option = await within(list).findByRole("option", { name: /IKT-samarbeid/ });
      expect(option).toHaveTextContent("Ventar på møte. Frå Formannskapet og næringsutvalet 15.04.2021, sak 54/21");
      expect(option).toHaveAttribute("aria-selected", "true");
      expect(within(list).queryAllByTestId("waiting-case")).toHaveLength(0);
      await userEvent.keyboard("{Enter}");
      await vi.waitFor(() => expect(sentLists(calls)).toHaveLength(1));
      expect(sentLists(calls)[0]?.at(-1)).toEqual({ ...stored(0, "21/1069", ikt.title), id: null });
    });

    it("lists none for a board nothing was sent to", async () => {
      const calls = waitingBackend();
      const { list } = await renderMeeting(10);
      await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "waiting_cases").map((c) => c.args)).toEqual([{ board: 1 }]));
      expect(within(list).queryByText("Ventar på møte")).not.toBeInTheDocument();
    });
  });
});
