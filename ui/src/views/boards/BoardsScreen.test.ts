import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BoardRecord, BoardSettings, TermMember } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { backend, formannskapet, kommunestyret, layoutHandlers, phrasesHandlers, type Args, type Call } from "../../test/backend";
import BoardsScreen from "./BoardsScreen.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

const calledWith = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

function renderScreen(selected: number | "new" | null) {
  const props = {
    selected,
    onSelect: vi.fn(),
    onCreated: vi.fn(),
    onNotice: vi.fn(),
    onDirtyChange: vi.fn(),
  };
  render(BoardsScreen, props);
  return props;
}

/** A back end that keeps the boards and stores what it gets, as the real one does. */
function boardsBackend(extra: Record<string, (a: Args) => unknown> = {}) {
  let boards: BoardRecord[] = [structuredClone(formannskapet), structuredClone(kommunestyret)];
  const store = (b: BoardRecord) => {
    boards = [...boards.filter((x) => x.id !== b.id), b].sort((x, y) => x.settings.name.localeCompare(y.settings.name, "nb"));
    return b;
  };
  const find = (id: unknown) => boards.find((b) => b.id === id) as BoardRecord;
  return backend({
    list_boards: () => boards,
    create_board: (a) => store({ id: 3, settings: a.settings as BoardSettings, members: [] }),
    update_board: (a) => store({ ...find(a.id), settings: a.settings as BoardSettings }),
    set_board_members: (a) => store({ ...find(a.id), members: a.members as TermMember[] }),
    ...phrasesHandlers(),
    ...layoutHandlers(),
    ...extra,
  });
}

const invalid = (field: string, message: string) => () => {
  throw { code: "invalid", message: "Nokre felt er ikkje rett fylte ut.", fields: [{ field, message }] };
};

describe("utval", () => {
  it("lists the boards with their number example and the members of the current term", async () => {
    boardsBackend();
    const { onSelect } = renderScreen(null);
    const rows = await screen.findAllByTestId("board-row");
    expect(rows).toHaveLength(2);
    const [fsk, kst] = rows as [HTMLElement, HTMLElement];
    expect(within(fsk).getByRole("button", { name: "Formannskapet og næringsutvalet" })).toBeInTheDocument();
    expect(within(fsk).getByText("FSK")).toBeInTheDocument();
    expect(within(fsk).getByTestId("board-number")).toHaveTextContent("54/21");
    // Ken Kvamme sits now; Hilde Dyrdal's term ended in 2019, and a varamedlem holds no seat.
    expect(within(fsk).getAllByRole("cell").at(-1)).toHaveTextContent("1");
    expect(within(kst).getByTestId("board-number")).toHaveTextContent("PS 054/21");
    expect(within(kst).getAllByRole("cell").at(-1)).toHaveTextContent("0");

    await userEvent.click(within(kst).getByRole("button", { name: "Kommunestyret" }));
    expect(onSelect).toHaveBeenCalledWith(2);
    await userEvent.click(screen.getByTestId("new-board"));
    expect(onSelect).toHaveBeenCalledWith("new");
  });

  it("creates a board with the settings as typed", async () => {
    const calls = boardsBackend();
    const { onCreated, onDirtyChange } = renderScreen("new");
    const form = await screen.findByTestId("board-form");
    const name = within(form).getByLabelText("Namn på utvalet");
    expect(name).toHaveFocus();
    await userEvent.type(name, "Hovudutval for plan og drift");
    await userEvent.type(within(form).getByLabelText("Kode"), "HPD");
    await userEvent.selectOptions(within(form).getByLabelText("Nummerformat"), "padded_seq_year");
    await userEvent.selectOptions(within(form).getByLabelText("Tal på siffer i løpenummeret"), "3");
    expect(within(form).getByTestId("number-example")).toHaveTextContent("Døme: 054/21");
    expect(within(form).getByLabelText("Nummerformat")).toHaveAccessibleDescription("Døme: 054/21");
    await userEvent.type(within(form).getByLabelText("Vanleg møtestad"), "Rådhuset, Gaupne");
    await userEvent.selectOptions(within(form).getByLabelText("Språk i tekstane som blir laga"), "nb");
    await userEvent.type(within(form).getByLabelText("Protokollen blir send til"), "Rådmannen{Enter} {Enter}Kommunestyret ");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    // No members before the board exists.
    expect(screen.queryByTestId("board-members")).not.toBeInTheDocument();

    await userEvent.click(within(form).getByTestId("save-board"));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(3, "Utvalet er lagra."));
    expect(calledWith(calls, "create_board")).toEqual([
      {
        settings: {
          name: "Hovudutval for plan og drift",
          code: "HPD",
          series: [{ prefix: null, label: null }],
          number_format: { kind: "padded_seq_year", width: 3 },
          default_place: "Rådhuset, Gaupne",
          language: "nb",
          distribution: ["Rådmannen", "Kommunestyret"],
        },
      },
    ]);
  });

  it("sends several series with their prefixes and shows the first in the example", async () => {
    const calls = boardsBackend();
    renderScreen("new");
    const form = await screen.findByTestId("board-form");
    await userEvent.type(within(form).getByLabelText("Namn på utvalet"), "Kommunestyret i Luster");
    await userEvent.type(within(form).getByLabelText("Prefiks, serie 1"), "PS");
    await userEvent.type(within(form).getByLabelText("Overskrift i sakslista, serie 1"), "Politiske saker");
    await userEvent.click(within(form).getByTestId("add-series"));
    const prefix2 = within(form).getByLabelText("Prefiks, serie 2");
    expect(prefix2).toHaveFocus();
    await userEvent.type(prefix2, "RS");
    expect(within(form).getByTestId("number-example")).toHaveTextContent("Døme: PS 54/21");
    await userEvent.click(within(form).getByTestId("save-board"));
    await vi.waitFor(() => expect(calledWith(calls, "create_board")).toHaveLength(1));
    expect((calledWith(calls, "create_board")[0]?.settings as BoardSettings).series).toEqual([
      { prefix: "PS", label: "Politiske saker" },
      { prefix: "RS", label: null },
    ]);
  });

  it("shows a field error at its field and moves focus there", async () => {
    const calls = boardsBackend({ update_board: invalid("name", "Skriv namnet på utvalet.") });
    const { onNotice } = renderScreen(1);
    const form = await screen.findByTestId("board-form");
    const name = within(form).getByLabelText("Namn på utvalet");
    expect(name).toHaveValue("Formannskapet og næringsutvalet");
    await userEvent.clear(name);
    await userEvent.click(within(form).getByLabelText("Kode"));
    await userEvent.click(within(form).getByTestId("save-board"));

    const message = await within(form).findByText("Skriv namnet på utvalet.");
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name.getAttribute("aria-describedby")?.split(" ")).toContain(message.id);
    expect(name).toHaveFocus();
    expect(calledWith(calls, "update_board")).toEqual([
      { id: 1, settings: { ...formannskapet.settings, name: "" } },
    ]);
    expect(onNotice).not.toHaveBeenCalled();

    await userEvent.type(name, "F");
    expect(name).not.toHaveAttribute("aria-invalid");
    expect(within(form).queryByText("Skriv namnet på utvalet.")).not.toBeInTheDocument();
  });

  it("saves an existing board's settings and says so", async () => {
    const calls = boardsBackend();
    const { onNotice, onDirtyChange } = renderScreen(1);
    const form = await screen.findByTestId("board-form");
    expect(within(form).getByLabelText("Protokollen blir send til")).toHaveValue("Rådmannen\nKommunestyret");
    await userEvent.selectOptions(within(form).getByLabelText("Nummerformat"), "year_seq");
    expect(within(form).getByTestId("number-example")).toHaveTextContent("Døme: 2021/54");
    await userEvent.click(within(form).getByTestId("save-board"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Utvalet er lagra."));
    expect(calledWith(calls, "update_board")).toEqual([
      { id: 1, settings: { ...formannskapet.settings, number_format: { kind: "year_seq" } } },
    ]);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    const row = screen.getAllByTestId("board-row")[0] as HTMLElement;
    expect(within(row).getByTestId("board-number")).toHaveTextContent("2021/54");
  });

  it("saves the members with a varamedlem and dates as yyyy-mm-dd", async () => {
    const calls = boardsBackend();
    const { onNotice, onDirtyChange } = renderScreen(2);
    const members = await screen.findByTestId("board-members");
    expect(within(members).getByText("Ingen medlemer enno.")).toBeInTheDocument();

    await userEvent.click(within(members).getByTestId("add-member"));
    const name1 = within(members).getByLabelText("Namn, rad 1");
    expect(name1).toHaveFocus();
    await userEvent.type(name1, "Ken Kvamme");
    await userEvent.type(within(members).getByLabelText("Parti, rad 1"), "Sp");
    await userEvent.selectOptions(within(members).getByLabelText("Rolle, rad 1"), "chair");
    await userEvent.type(within(members).getByLabelText("Frå, rad 1"), "01.10.2023");

    await userEvent.click(within(members).getByTestId("add-member"));
    await userEvent.type(within(members).getByLabelText("Namn, rad 2"), "Morten Johan Vigdal");
    await userEvent.type(within(members).getByLabelText("Parti, rad 2"), "Ap");
    await userEvent.selectOptions(within(members).getByLabelText("Rolle, rad 2"), "substitute");
    const order = within(members).getByLabelText("Varanummer, rad 2");
    // The first varamedlem gets number 1; this one is the second.
    expect(order).toHaveValue("1");
    await userEvent.clear(order);
    await userEvent.type(order, "2");
    await userEvent.type(within(members).getByLabelText("Frå, rad 2"), "1.10.2023");
    await userEvent.type(within(members).getByLabelText("Til, rad 2"), "30.09.2027");
    expect(within(members).getByRole("button", { name: "Fjern rad 2: Morten Johan Vigdal, varamedlem (nr. 2)" })).toBeInTheDocument();
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);

    await userEvent.click(within(members).getByTestId("save-members"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Medlemene er lagra."));
    expect(calledWith(calls, "set_board_members")).toEqual([
      {
        id: 2,
        members: [
          {
            name: "Ken Kvamme",
            party: "Sp",
            membership: { kind: "seat", role: "chair" },
            term_from: "2023-10-01",
            term_to: null,
          },
          {
            name: "Morten Johan Vigdal",
            party: "Ap",
            membership: { kind: "substitute", order: 2 },
            term_from: "2023-10-01",
            term_to: "2027-09-30",
          },
        ],
      },
    ]);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    // Shown as saved, dates as dd.mm.yyyy.
    expect(within(members).getByLabelText("Frå, rad 2")).toHaveValue("01.10.2023");
  });

  it("shows the existing members and removes a row", async () => {
    const calls = boardsBackend();
    renderScreen(1);
    const members = await screen.findByTestId("board-members");
    expect(within(members).getAllByTestId("member-row")).toHaveLength(3);
    expect(within(members).getByLabelText("Namn, rad 1")).toHaveValue("Ken Kvamme");
    expect(within(members).getByLabelText("Rolle, rad 1")).toHaveValue("chair");
    expect(within(members).getByLabelText("Frå, rad 1")).toHaveValue("01.10.2019");
    expect(within(members).getByLabelText("Varanummer, rad 3")).toHaveValue("1");
    await userEvent.click(within(members).getByRole("button", { name: "Fjern rad 2: Hilde Dyrdal, medlem" }));
    expect(within(members).getAllByTestId("member-row")).toHaveLength(2);
    expect(within(members).getByLabelText("Namn, rad 2")).toHaveFocus();
    await userEvent.click(within(members).getByTestId("save-members"));
    await vi.waitFor(() => expect(calledWith(calls, "set_board_members")).toHaveLength(1));
    const sent = calledWith(calls, "set_board_members")[0]?.members as TermMember[];
    expect(sent.map((m) => m.name)).toEqual(["Ken Kvamme", "Morten Johan Vigdal"]);
  });

  it("shows a members error from the back end above the table", async () => {
    const calls = boardsBackend({
      set_board_members: invalid("members", "Rad 2: utvalet har alt ein leiar i denne perioden."),
    });
    const { onNotice } = renderScreen(1);
    const members = await screen.findByTestId("board-members");
    await userEvent.selectOptions(within(members).getByLabelText("Rolle, rad 2"), "chair");
    await userEvent.click(within(members).getByTestId("save-members"));

    const alert = await within(members).findByRole("alert");
    expect(alert).toHaveTextContent("Rad 2: utvalet har alt ein leiar i denne perioden.");
    expect(alert.compareDocumentPosition(within(members).getByRole("table")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const name2 = within(members).getByLabelText("Namn, rad 2");
    expect(name2).toHaveFocus();
    expect(name2).toHaveAttribute("aria-invalid", "true");
    expect(name2).toHaveAccessibleDescription("Rad 2: utvalet har alt ein leiar i denne perioden.");
    expect(within(members).getByLabelText("Namn, rad 1")).not.toHaveAttribute("aria-invalid");
    expect(calledWith(calls, "set_board_members")).toHaveLength(1);
    expect(onNotice).not.toHaveBeenCalled();
  });

  it("does not send a date that is not one", async () => {
    const calls = boardsBackend();
    renderScreen(1);
    const members = await screen.findByTestId("board-members");
    const to = within(members).getByLabelText("Til, rad 1");
    await userEvent.type(to, "31.02.2023");
    await userEvent.click(within(members).getByTestId("save-members"));
    expect(await within(members).findByRole("alert")).toHaveTextContent(
      "Rad 1: «31.02.2023» er ikkje ein dato. Skriv han som dd.mm.åååå.",
    );
    expect(calledWith(calls, "set_board_members")).toEqual([]);
  });

  it("can be used with the keyboard alone: reach the form and submit it", async () => {
    const calls = boardsBackend();
    const { onNotice } = renderScreen(1);
    const name = await screen.findByLabelText("Namn på utvalet");
    expect(name).toHaveFocus();
    await userEvent.keyboard(" (FSK)");
    // Through the form to its save button, and Enter.
    for (let i = 0; i < 30 && document.activeElement !== screen.getByTestId("save-board"); i++) await userEvent.tab();
    expect(screen.getByTestId("save-board")).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await vi.waitFor(() => expect(onNotice).toHaveBeenCalledWith("Utvalet er lagra."));
    expect((calledWith(calls, "update_board")[0]?.settings as BoardSettings).name).toBe(
      "Formannskapet og næringsutvalet (FSK)",
    );

    // Enter in a field submits as well.
    await userEvent.click(screen.getByLabelText("Vanleg møtestad"));
    await userEvent.keyboard("{End} 2. etasje{Enter}");
    await vi.waitFor(() => expect(calledWith(calls, "update_board")).toHaveLength(2));
    expect((calledWith(calls, "update_board")[1]?.settings as BoardSettings).default_place).toBe("Rådhuset, Gaupne 2. etasje");
  });

  it("shows the screen in Bokmål", async () => {
    setLang("nb");
    boardsBackend();
    renderScreen(1);
    expect(await screen.findByRole("heading", { level: 1, name: "Utvalg" })).toBeInTheDocument();
    expect(await screen.findByLabelText("Navn på utvalget")).toBeInTheDocument();
    expect(screen.getByLabelText("Navn, rad 1")).toHaveValue("Ken Kvamme");
    expect(within(screen.getByLabelText("Rolle, rad 1")).getByRole("option", { name: "leder" })).toBeInTheDocument();
    expect(screen.getByTestId("save-members")).toHaveTextContent("Lagre medlemmene");
  });

  it("keeps the board's own wording of a phrase, and resets it to the built-in one", async () => {
    const calls = boardsBackend();
    const { onNotice, onDirtyChange } = renderScreen(1);
    const section = await screen.findByTestId("board-phrases");
    const own = await within(section).findByLabelText("Eiga ordlyd: intro_party_person");
    expect(own).toHaveAttribute("placeholder", "{parti} v/{namn} sette fram:");
    expect(within(section).getAllByTestId("phrase-row")).toHaveLength(33);
    await userEvent.type(own, "{{parti} ved {{namn} la fram:");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await userEvent.click(within(section).getByTestId("phrases-save"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Formuleringane er lagra."));
    expect(calledWith(calls, "get_phrases")).toEqual([{ board: 1, language: "nn" }]);
    expect(calledWith(calls, "set_phrases")).toEqual([
      { board: 1, language: "nn", own: [["intro_party_person", "{parti} ved {namn} la fram:"]] },
    ]);

    await userEvent.click(within(section).getByRole("button", { name: "Tilbakestill: intro_party_person" }));
    expect(own).toHaveValue("");
    expect(own).toHaveFocus();
    await userEvent.keyboard("{Control>}s{/Control}");
    await vi.waitFor(() => expect(calledWith(calls, "set_phrases")).toHaveLength(2));
    expect(calledWith(calls, "set_phrases")[1]).toEqual({ board: 1, language: "nn", own: [] });
  });
});
