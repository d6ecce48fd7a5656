import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RollInput } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import type { Args, Call } from "../../test/backend";
import { kommunestyret } from "../../test/backend";
import {
  emptyRoll,
  formannskapetFull,
  kommunestyreMeeting,
  meetingsBackend,
  member,
  rollMeeting,
  sentRolls,
} from "../../test/meetings";
import MeetingsScreen from "./MeetingsScreen.svelte";

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

const boards = [formannskapetFull, kommunestyret];

function backendWith(rolls: Record<number, RollInput> = {}, extra: Record<string, (a: Args, call: Call) => unknown> = {}) {
  return meetingsBackend([rollMeeting, kommunestyreMeeting], extra, boards, rolls);
}

async function renderRoll(id = 13) {
  const props = { selected: id, onSelect: vi.fn(), onCreated: vi.fn(), onNotice: vi.fn(), onDirtyChange: vi.fn() };
  render(MeetingsScreen, props);
  const roll = await screen.findByTestId("roll");
  await within(roll).findByTestId("roll-count-only");
  return { ...props, roll };
}

const names = (roll: HTMLElement) =>
  within(roll)
    .queryAllByTestId("roll-row")
    .map((r) => (within(r).getByTestId("roll-name") as HTMLInputElement).value);

const rowOf = (roll: HTMLElement, name: string) => {
  const row = within(roll)
    .getAllByTestId("roll-row")
    .find((r) => (within(r).getByTestId("roll-name") as HTMLInputElement).value === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

/** Per item: its number, "eligible av seats" and whether it was quorate. */
const perItem = (roll: HTMLElement) =>
  within(within(roll).getByTestId("roll-items"))
    .getAllByTestId("roll-item-row")
    .map((r) => [
      within(r).getByRole("rowheader").firstChild?.textContent,
      within(r).getByTestId("roll-item-voters").textContent,
      within(r).getByTestId("roll-item-quorate").textContent?.trim(),
    ]);


const allFive = [
  member("Ken Kvamme", "Sp"),
  member("Kari Nordheim", "Ap"),
  member("Per Bakken", "H"),
  member("Anne Moen", "Sp"),
  member("Ola Dale", "Ap"),
];

/** A stored roll where all five members came, Ken Kvamme chairing. */
const allCame = (): RollInput => ({
  ...emptyRoll(),
  attendance: { ...emptyRoll().attendance, attendees: structuredClone(allFive) },
  chair: "Ken Kvamme",
});

describe("oppmøte", () => {
  it("records that everyone came but one, whose seat a varamedlem took, in a few clicks", async () => {
    const calls = backendWith();
    const { roll, onNotice, onDirtyChange } = await renderRoll();
    expect(within(roll).getByRole("heading", { level: 2, name: "Oppmøte" })).toBeInTheDocument();
    expect(within(roll).getByTestId("roll-nobody")).toHaveTextContent("Ingen er førte enno.");
    // Nothing recorded yet: no counts, and no warnings about them.
    expect(within(roll).queryByTestId("roll-items")).not.toBeInTheDocument();
    expect(within(roll).getByTestId("roll-items-none")).toHaveTextContent("Når oppmøtet er lagra");

    const all = within(roll).getByTestId("roll-all-members");
    expect(all).toHaveAccessibleDescription("Alle dei 5 medlemene i utvalet blir førte som møtte. Merk så forfall og vara.");
    await userEvent.click(all);
    expect(names(roll)).toEqual(["Ken Kvamme", "Kari Nordheim", "Per Bakken", "Anne Moen", "Ola Dale"]);
    expect(within(rowOf(roll, "Kari Nordheim")).getByLabelText("Parti: Kari Nordheim")).toHaveValue("Ap");
    expect(within(rowOf(roll, "Kari Nordheim")).getByTestId("roll-kind")).toHaveValue("member");
    expect(within(roll).getByTestId("roll-chair")).toHaveValue("Ken Kvamme");
    expect(onNotice).toHaveBeenLastCalledWith("5 medlemer er førte som møtte. Merk forfall og vara, og lagre.");
    expect(within(roll).queryByTestId("roll-all-members")).not.toBeInTheDocument();
    await vi.waitFor(() => expect(within(roll).getByRole("button", { name: "Forfall: Ken Kvamme" })).toHaveFocus());
    expect(within(roll).getByTestId("roll-dirty")).toHaveTextContent("Ikkje lagra");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);

    // Ola Dale sent forfall; a varamedlem of his list came instead.
    const forfall = within(roll).getByRole("button", { name: "Forfall: Ola Dale" });
    expect(forfall).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(forfall);
    expect(forfall).toHaveAttribute("aria-pressed", "true");
    expect(within(rowOf(roll, "Ola Dale")).getByTestId("roll-presence")).toHaveTextContent("Forfall");

    await userEvent.click(within(roll).getByTestId("roll-add-substitute"));
    const name = within(roll).getAllByTestId("roll-name")[5] as HTMLInputElement;
    await vi.waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAccessibleName("Namn, rad 6");
    expect(name).toHaveAttribute("list", "roll-substitutes-list");
    // The board's varamedlemer serving on the day, by list and then in order.
    const suggested = [...(document.getElementById("roll-substitutes-list")?.querySelectorAll("option") ?? [])];
    expect(suggested.map((o) => [o.value, o.textContent])).toEqual([
      ["Morten Johan Vigdal", "Ap"],
      ["Ingrid Lie", "Ap"],
      ["Lars Berg", "H"],
      ["Siri Hauge", "Sp"],
    ]);
    await userEvent.type(name, "Morten Johan Vigdal");
    await userEvent.tab();
    const row = rowOf(roll, "Morten Johan Vigdal");
    expect(within(row).getByLabelText("Parti: Morten Johan Vigdal")).toHaveValue("Ap");
    expect(within(row).getByTestId("roll-kind")).toHaveValue("substitute");
    const replaces = within(row).getByLabelText("Møtt for: Morten Johan Vigdal");
    expect(replaces).toHaveValue("Ola Dale");
    expect(within(replaces).getAllByRole("option").map((o) => o.textContent?.trim())).toEqual([
      "(ikkje oppgjeve)",
      "Ola Dale (Ap) – forfall",
    ]);

    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Oppmøtet er lagra."));
    expect(calls.filter((c) => c.cmd === "set_roll").map((c) => c.args)).toEqual([
      {
        id: 13,
        roll: {
          attendance: {
            seats: [],
            attendees: [
              ...allFive.filter((a) => a.name !== "Ola Dale"),
              {
                ...member("Morten Johan Vigdal", "Ap"),
                capacity: { kind: "substitute", replaces: "Ola Dale" },
              },
            ],
            apologies: ["Ola Dale"],
            disqualified: [],
            head_count: null,
          },
          chair: "Ken Kvamme",
          chair_elected: false,
          signatories: [],
          signatories_item: null,
        } satisfies RollInput,
      },
    ]);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    expect(within(roll).queryByTestId("roll-dirty")).not.toBeInTheDocument();
    // Ola Dale keeps his place on screen, though the back end lists forfall last.
    expect(names(roll)).toEqual(["Ken Kvamme", "Kari Nordheim", "Per Bakken", "Anne Moen", "Ola Dale", "Morten Johan Vigdal"]);
    expect(perItem(roll)).toEqual([
      ["40/26", "5 av 5", "Ja"],
      ["41/26", "5 av 5", "Ja"],
      ["42/26", "5 av 5", "Ja"],
    ]);
  });

  it("records a late arrival behind Meir, sends the time as HH:MM and shows who could vote in each item", async () => {
    const calls = backendWith({ 13: allCame() });
    const { roll } = await renderRoll();
    expect(names(roll)).toEqual(["Ken Kvamme", "Kari Nordheim", "Per Bakken", "Anne Moen", "Ola Dale"]);
    expect(within(roll).queryByTestId("roll-all-members")).not.toBeInTheDocument();
    const anne = rowOf(roll, "Anne Moen");
    expect(within(anne).getByTestId("roll-presence")).toHaveTextContent("Heile møtet");

    const more = within(anne).getByRole("button", { name: "Meir: Anne Moen" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(more);
    expect(more).toHaveAttribute("aria-expanded", "true");
    const details = within(roll).getByTestId("roll-details");
    expect(more).toHaveAttribute("aria-controls", details.id);
    const from = within(details).getByLabelText("Frå sak: Anne Moen");
    expect(within(from).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Frå starten",
      "40/26 Godkjenning av innkalling og sakliste",
      "41/26 Budsjett 2027",
      "42/26 Økonomiplan 2027–2030",
    ]);
    await userEvent.selectOptions(from, "41/26 Budsjett 2027");
    await userEvent.type(within(details).getByLabelText("Kom kl.: Anne Moen"), "10.15");
    expect(within(details).getByRole("group", { name: "Ikkje til stades i sak: Anne Moen" })).toBeInTheDocument();
    expect(within(anne).getByTestId("roll-presence")).toHaveTextContent("Frå sak 41/26, kom kl. 10:15");
    // What the times and items cannot say, in the clerk's own words.
    await userEvent.type(within(details).getByLabelText("Merknad om oppmøtet: Anne Moen"), " del av sak 41/26 ");
    expect(within(anne).getByTestId("roll-presence")).toHaveTextContent("Frå sak 41/26, kom kl. 10:15, del av sak 41/26");

    // Kari Nordheim and Per Bakken sent forfall: two of five in the first item is too few.
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Kari Nordheim" }));
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Per Bakken" }));
    // Until saved, the counts are those of the saved roll, and say so.
    expect(within(roll).getByTestId("roll-items-stale")).toHaveTextContent("tala gjeld oppmøtet slik det sist vart lagra");
    expect(perItem(roll)[0]).toEqual(["40/26", "5 av 5", "Ja"]);

    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    expect(sentRolls(calls)[0]?.attendance.attendees).toEqual([
      member("Ken Kvamme", "Sp"),
      member("Anne Moen", "Sp", { from_item: 1, arrived_at: "10:15", note: "del av sak 41/26" }),
      member("Ola Dale", "Ap"),
    ]);
    expect(sentRolls(calls)[0]?.attendance.apologies).toEqual(["Kari Nordheim", "Per Bakken"]);
    await vi.waitFor(() =>
      expect(perItem(roll)).toEqual([
        ["40/26", "2 av 5", "⚠ Ikkje vedtaksført"],
        ["41/26", "3 av 5", "Ja"],
        ["42/26", "3 av 5", "Ja"],
      ]),
    );
    expect(within(roll).queryByTestId("roll-items-stale")).not.toBeInTheDocument();
    // The time comes back as 10:15:00 and is shown as 10:15.
    expect(within(roll).getByLabelText("Kom kl.: Anne Moen")).toHaveValue("10:15");

    // The names of those who could vote, on demand.
    const rows = within(within(roll).getByTestId("roll-items")).getAllByTestId("roll-item-row");
    const first = rows[0] as HTMLElement;
    expect(first).toHaveClass("not-quorate");
    const show = within(first).getByText("Vis namn");
    expect(show.closest("summary")).toHaveTextContent("Vis namn i sak 40/26");
    await userEvent.click(show);
    expect(within(first).getByText("Ken Kvamme, Ola Dale")).toBeVisible();
    expect(within(rows[1] as HTMLElement).getByText("Ken Kvamme, Anne Moen, Ola Dale")).toBeInTheDocument();
  });

  it("records a member ugild in one item; the varamedlem who takes the seat is put on the roll for that item", async () => {
    const calls = backendWith({ 13: allCame() });
    const { roll, onNotice } = await renderRoll();
    expect(within(roll).getByTestId("ugild-none")).toHaveTextContent("Ingen er førte som ugilde.");
    await userEvent.click(within(roll).getByTestId("roll-ugild-add"));
    const line = within(roll).getByTestId("ugild-row");
    const who = within(line).getByLabelText("Medlem (ugild), linje 1");
    await vi.waitFor(() => expect(who).toHaveFocus());
    expect(within(who).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Vel medlem …",
      "Ken Kvamme",
      "Kari Nordheim",
      "Per Bakken",
      "Anne Moen",
      "Ola Dale",
    ]);
    await userEvent.selectOptions(who, "Kari Nordheim");
    await userEvent.selectOptions(within(line).getByLabelText("Sak (ugild): Kari Nordheim"), "42/26 Økonomiplan 2027–2030");
    await userEvent.type(within(line).getByLabelText("Heimel (ugild): Kari Nordheim"), "fvl. § 6 første ledd bokstav b");
    const standIn = within(line).getByLabelText("Tek plassen (ugild): Kari Nordheim");
    expect(standIn).toHaveAttribute("list", "roll-substitutes-list");
    await userEvent.type(standIn, "Ingrid Lie");
    await userEvent.tab();

    // Not on the roll: she is put there, as a varamedlem for that item alone, and the clerk is told.
    expect(onNotice).toHaveBeenLastCalledWith("Ingrid Lie er ført i oppmøtet som varamedlem i sak 42/26.");
    expect(within(line).getByTestId("ugild-placed")).toHaveTextContent("Ingrid Lie er ført i oppmøtet for denne saka.");
    const ingrid = rowOf(roll, "Ingrid Lie");
    expect(within(ingrid).getByTestId("roll-kind")).toHaveValue("substitute");
    expect(within(ingrid).getByLabelText("Parti: Ingrid Lie")).toHaveValue("Ap");
    expect(within(ingrid).getByLabelText("Møtt for: Ingrid Lie")).toHaveValue("");
    expect(within(ingrid).getByTestId("roll-presence")).toHaveTextContent("Berre i sak 42/26");

    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    const sent = sentRolls(calls)[0] as RollInput;
    expect(sent.attendance.attendees).toEqual([
      ...allFive,
      { ...member("Ingrid Lie", "Ap", { from_item: 2, to_item: 2 }), capacity: { kind: "substitute", replaces: null } },
    ]);
    expect(sent.attendance.disqualified).toEqual([
      { member: "Kari Nordheim", item: 2, basis: "fvl. § 6 første ledd bokstav b", substitute: "Ingrid Lie" },
    ]);
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Oppmøtet er lagra."));
    expect(perItem(roll)).toEqual([
      ["40/26", "5 av 5", "Ja"],
      ["41/26", "5 av 5", "Ja"],
      ["42/26", "5 av 5", "Ja"],
    ]);
    const third = within(within(roll).getByTestId("roll-items")).getAllByTestId("roll-item-row")[2] as HTMLElement;
    expect(within(third).getByText("Ken Kvamme, Per Bakken, Anne Moen, Ola Dale, Ingrid Lie")).toBeInTheDocument();
    // After the save the line still knows the varamedlem it put on the roll.
    expect(within(within(roll).getByTestId("ugild-row")).getByTestId("ugild-placed")).toBeInTheDocument();

    // Taking the line away takes her off the roll again.
    await userEvent.click(within(roll).getByRole("button", { name: "Fjern ugild: Kari Nordheim" }));
    expect(names(roll)).not.toContain("Ingrid Lie");
    expect(onNotice).toHaveBeenLastCalledWith("Ingrid Lie er teken ut av oppmøtet att.");
    await vi.waitFor(() => expect(within(roll).getByTestId("roll-ugild-add")).toHaveFocus());
  });

  it("shows a refused save beside the row it is about, the rest in a list, and keeps everything typed", async () => {
    const refusal = {
      code: "invalid",
      // The back end's message is every problem's, one after the other.
      message: "Morten Johan Vigdal er ført som vara for Ola Dale, men … Det er 6 røysteføre i sak 1, men …",
      fields: [
        {
          field: "attendees.4.replaces",
          message: "Morten Johan Vigdal er ført som vara for Ola Dale, men Ola Dale var til stades i sak 1. Fjern «møtt for», eller rett oppmøtet.",
        },
        { field: "attendance", message: "Det er 6 røysteføre i sak 1, men utvalet har berre 5 plassar. Sjå over vara og «møtt for»." },
      ],
    };
    const calls = backendWith({}, {
      set_roll: () => {
        throw refusal;
      },
    });
    const { roll, onNotice, onDirtyChange } = await renderRoll();
    await userEvent.click(within(roll).getByTestId("roll-all-members"));
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Per Bakken" }));
    await userEvent.click(within(roll).getByTestId("roll-add-substitute"));
    const name = within(roll).getAllByTestId("roll-name")[5] as HTMLInputElement;
    await userEvent.type(name, "Morten Johan Vigdal");
    // A "møtt for" chosen by hand: the back end finds Ola Dale was there.
    await userEvent.selectOptions(within(roll).getByLabelText("Møtt for: Morten Johan Vigdal"), "");
    await userEvent.click(within(roll).getByRole("button", { name: "Meir: Ola Dale" }));
    await userEvent.selectOptions(within(roll).getByLabelText("Til og med sak: Ola Dale"), "41/26 Budsjett 2027");
    const replaces = within(roll).getByLabelText("Møtt for: Morten Johan Vigdal");
    expect(within(replaces).getAllByRole("option").map((o) => o.textContent?.trim())).toEqual([
      "(ikkje oppgjeve)",
      "Per Bakken (H) – forfall",
      "Ola Dale (Ap) – delvis til stades",
    ]);
    await userEvent.selectOptions(replaces, "Ola Dale");
    await userEvent.click(within(roll).getByTestId("roll-save"));

    const alert = await within(roll).findByTestId("roll-problems");
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent("Oppmøtet vart ikkje lagra.");
    expect(within(alert).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Det er 6 røysteføre i sak 1, men utvalet har berre 5 plassar. Sjå over vara og «møtt for».",
    ]);
    expect(alert).toHaveTextContent("Sjå merknadene ved linjene under.");
    expect(alert).not.toHaveTextContent("Fjern «møtt for»");
    await vi.waitFor(() => expect(alert).toHaveFocus());

    // attendees.4 is the fifth one sent: Per Bakken, with forfall, is not among them.
    const morten = rowOf(roll, "Morten Johan Vigdal");
    expect(morten).toHaveTextContent("Fjern «møtt for», eller rett oppmøtet.");
    expect(replaces).toHaveAttribute("aria-invalid", "true");
    expect(replaces).toHaveAccessibleDescription(
      "Morten Johan Vigdal er ført som vara for Ola Dale, men Ola Dale var til stades i sak 1. Fjern «møtt for», eller rett oppmøtet.",
    );
    expect(rowOf(roll, "Ola Dale")).not.toHaveTextContent("Fjern «møtt for»");
    expect(within(rowOf(roll, "Ola Dale")).getByLabelText("Parti: Ola Dale")).not.toHaveAttribute("aria-invalid");

    // Nothing typed is lost.
    expect(names(roll)).toEqual(["Ken Kvamme", "Kari Nordheim", "Per Bakken", "Anne Moen", "Ola Dale", "Morten Johan Vigdal"]);
    expect(within(roll).getByRole("button", { name: "Forfall: Per Bakken" })).toHaveAttribute("aria-pressed", "true");
    expect(replaces).toHaveValue("Ola Dale");
    expect(within(roll).getByLabelText("Til og med sak: Ola Dale")).toHaveValue("42");
    expect(within(morten).getByLabelText("Parti: Morten Johan Vigdal")).toHaveValue("Ap");
    expect(onNotice).not.toHaveBeenCalledWith("Oppmøtet er lagra.");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    expect(sentRolls(calls)).toHaveLength(1);

    // Changing the row takes its problem away.
    await userEvent.selectOptions(replaces, "Per Bakken");
    expect(replaces).not.toHaveAttribute("aria-invalid");
    expect(rowOf(roll, "Morten Johan Vigdal")).not.toHaveTextContent("Fjern «møtt for»");
  });

  it("sends exactly what the back end takes: items as positions, times as HH:MM, titles, the chair and who signs", async () => {
    const calls = backendWith({ 13: allCame() });
    const { roll } = await renderRoll();

    // Ola Dale left after the second item, at half past two.
    await userEvent.click(within(roll).getByRole("button", { name: "Meir: Ola Dale" }));
    await userEvent.selectOptions(within(roll).getByLabelText("Til og med sak: Ola Dale"), "41/26 Budsjett 2027");
    await userEvent.type(within(roll).getByLabelText("Gjekk kl.: Ola Dale"), "1430");
    // Per Bakken was out of the room for the first item.
    await userEvent.click(within(roll).getByRole("button", { name: "Meir: Per Bakken" }));
    const away = within(roll).getByRole("group", { name: "Ikkje til stades i sak: Per Bakken" });
    await userEvent.click(within(away).getByLabelText("40/26 Godkjenning av innkalling og sakliste"));
    expect(within(rowOf(roll, "Per Bakken")).getByTestId("roll-presence")).toHaveTextContent("Ikkje i sak 40/26");

    await userEvent.click(within(roll).getByTestId("roll-add-administration"));
    await userEvent.type(within(roll).getByLabelText("Namn, rad 6"), "Eva Sande");
    await userEvent.type(within(roll).getByLabelText("Tittel: Eva Sande"), "kommunedirektør");
    await userEvent.click(within(roll).getByTestId("roll-add-other"));
    await userEvent.type(within(roll).getByLabelText("Namn, rad 7"), "Tor Vik");
    expect(within(roll).getByLabelText("Møtte som: Tor Vik")).toHaveValue("other");
    await userEvent.type(within(roll).getByLabelText("Tittel: Tor Vik"), "revisor");

    // A time that is not one stops the save here, beside its field.
    await userEvent.click(within(roll).getByRole("button", { name: "Meir: Tor Vik" }));
    const arrived = within(roll).getByLabelText("Kom kl.: Tor Vik");
    await userEvent.type(arrived, "25.00");
    await userEvent.click(within(roll).getByTestId("roll-save"));
    expect(arrived).toHaveAttribute("aria-invalid", "true");
    expect(arrived).toHaveAccessibleDescription("«25.00» er ikkje eit klokkeslett. Skriv til dømes 10:15.");
    await vi.waitFor(() => expect(arrived).toHaveFocus());
    expect(sentRolls(calls)).toEqual([]);
    await userEvent.clear(arrived);
    await userEvent.type(arrived, "9");

    await userEvent.selectOptions(within(roll).getByTestId("roll-chair"), "Kari Nordheim (Ap)");
    await userEvent.click(within(roll).getByLabelText("Valt ved møtestart"));
    const signers = within(roll).getByRole("group", { name: "Skriv under protokollen" });
    // Only members and varamedlemer present can sign.
    expect(within(signers).getAllByRole("checkbox").map((c) => c.parentElement?.textContent?.trim())).toEqual([
      "Ken Kvamme (Sp)",
      "Kari Nordheim (Ap)",
      "Per Bakken (H)",
      "Anne Moen (Sp)",
      "Ola Dale (Ap)",
    ]);
    await userEvent.click(within(signers).getByLabelText("Anne Moen (Sp)"));
    await userEvent.click(within(signers).getByLabelText("Per Bakken (H)"));
    await userEvent.selectOptions(within(roll).getByLabelText("Valt i sak"), "40/26 Godkjenning av innkalling og sakliste");

    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    expect(calls.filter((c) => c.cmd === "set_roll")[0]?.args).toEqual({
      id: 13,
      roll: {
        attendance: {
          seats: [],
          attendees: [
            member("Ken Kvamme", "Sp"),
            member("Kari Nordheim", "Ap"),
            member("Per Bakken", "H", { away_items: [0] }),
            member("Anne Moen", "Sp"),
            member("Ola Dale", "Ap", { to_item: 1, left_at: "14:30" }),
            { ...member("Eva Sande", ""), party: null, capacity: { kind: "administration", title: "kommunedirektør" } },
            { ...member("Tor Vik", ""), party: null, capacity: { kind: "other", title: "revisor" }, arrived_at: "09:00" },
          ],
          apologies: [],
          disqualified: [],
          head_count: null,
        },
        chair: "Kari Nordheim",
        chair_elected: true,
        signatories: ["Per Bakken", "Anne Moen"],
        signatories_item: 0,
      } satisfies RollInput,
    });
    await vi.waitFor(() => expect(within(roll).getByLabelText("Kom kl.: Tor Vik")).toHaveValue("09:00"));
  });

  it("lets the nestleiar chair when the leiar sends forfall, and says so", async () => {
    backendWith();
    const { roll, onNotice } = await renderRoll();
    await userEvent.click(within(roll).getByTestId("roll-all-members"));
    const chair = within(roll).getByTestId("roll-chair");
    expect(chair).toHaveValue("Ken Kvamme");
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Kari Nordheim" }));
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Ken Kvamme" }));
    // Kari Nordheim, the nestleiar, is away too: the clerk is asked to choose.
    expect(chair).toHaveValue("");
    expect(onNotice).toHaveBeenLastCalledWith("Ken Kvamme var ført som møteleiar. Vel ein annan møteleiar.");
    expect(within(chair).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "(ikkje ført)",
      "Per Bakken (H)",
      "Anne Moen (Sp)",
      "Ola Dale (Ap)",
    ]);
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Ken Kvamme" }));
    await userEvent.selectOptions(chair, "Ken Kvamme (Sp)");
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Kari Nordheim" }));
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Ken Kvamme" }));
    expect(chair).toHaveValue("Kari Nordheim");
    expect(onNotice).toHaveBeenLastCalledWith("Nestleiaren, Kari Nordheim, er no ført som møteleiar.");
  });

  it("saves the roll with Ctrl+S while the focus is in it; neither Ctrl+S nor Ctrl+Z there touches the form or the sakliste", async () => {
    const calls = backendWith({ 13: allCame() });
    const { roll, onNotice } = await renderRoll();
    const party = within(roll).getByLabelText("Parti: Ola Dale");
    await userEvent.clear(party);
    await userEvent.type(party, "Sp{Control>}s{/Control}");
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    expect(sentRolls(calls)[0]?.attendance.attendees[4]?.party).toBe("Sp");
    expect(calls.map((c) => c.cmd)).not.toContain("update_meeting");
    expect(party).toHaveFocus();
    await vi.waitFor(() => expect(onNotice).toHaveBeenLastCalledWith("Oppmøtet er lagra."));

    // Ctrl+Z in the roll is not the sakliste's Angre.
    await userEvent.click(screen.getByRole("button", { name: "Flytt ned: Godkjenning av innkalling og sakliste" }));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "set_sakliste")).toHaveLength(1));
    within(roll).getByRole("button", { name: "Forfall: Ola Dale" }).focus();
    await userEvent.keyboard("{Control>}z{/Control}");
    expect(calls.filter((c) => c.cmd === "set_sakliste")).toHaveLength(1);
  });

  it("records only a head count when the protocol names nobody", async () => {
    const calls = backendWith();
    const { roll } = await renderRoll();
    await userEvent.click(within(roll).getByLabelText("Berre tal på møtande"));
    expect(within(roll).queryByTestId("roll-add-member")).not.toBeInTheDocument();
    const count = within(roll).getByLabelText("Tal på møtande medlemer");
    await userEvent.type(count, "fire");
    await userEvent.click(within(roll).getByTestId("roll-save"));
    expect(count).toHaveAccessibleDescription("Skriv talet på møtande som eit heilt tal, til dømes 7.");
    expect(sentRolls(calls)).toEqual([]);
    await userEvent.clear(count);
    await userEvent.type(count, "2");
    expect(count).not.toHaveAttribute("aria-invalid");
    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    expect(sentRolls(calls)[0]).toEqual({
      ...emptyRoll(),
      attendance: { ...emptyRoll().attendance, head_count: 2 },
    });
    await vi.waitFor(() => expect(perItem(roll)[0]).toEqual(["40/26", "2 av 5", "⚠ Ikkje vedtaksført"]));
  });

  it("reads a stored roll back: forfall, times as HH:MM, ugild and who signs", async () => {
    const stored: RollInput = {
      attendance: {
        seats: [],
        attendees: [
          member("Ken Kvamme", "Sp"),
          member("Kari Nordheim", "Ap", { from_item: 1, arrived_at: "10:15:00" }),
          member("Anne Moen", "Sp"),
          member("Ola Dale", "Ap"),
          { ...member("Lars Berg", "H"), capacity: { kind: "substitute", replaces: "Per Bakken" } },
        ],
        apologies: ["Per Bakken"],
        disqualified: [{ member: "Anne Moen", item: 2, basis: "fvl. § 6 andre ledd", substitute: null }],
        head_count: null,
      },
      chair: "Ken Kvamme",
      chair_elected: false,
      signatories: ["Ola Dale", "Lars Berg"],
      signatories_item: 0,
    };
    const calls = backendWith({ 13: stored });
    const { roll, onDirtyChange } = await renderRoll();
    expect(names(roll)).toEqual(["Ken Kvamme", "Kari Nordheim", "Anne Moen", "Ola Dale", "Lars Berg", "Per Bakken"]);
    expect(within(rowOf(roll, "Kari Nordheim")).getByTestId("roll-presence")).toHaveTextContent("Frå sak 41/26, kom kl. 10:15");
    expect(within(rowOf(roll, "Per Bakken")).getByTestId("roll-presence")).toHaveTextContent("Forfall");
    expect(within(rowOf(roll, "Per Bakken")).getByLabelText("Parti: Per Bakken")).toHaveValue("H");
    expect(within(roll).getByLabelText("Møtt for: Lars Berg")).toHaveValue("Per Bakken");
    const line = within(roll).getByTestId("ugild-row");
    expect(within(line).getByLabelText("Sak (ugild): Anne Moen")).toHaveValue("43");
    expect(within(line).getByLabelText("Heimel (ugild): Anne Moen")).toHaveValue("fvl. § 6 andre ledd");
    const signers = within(roll).getByRole("group", { name: "Skriv under protokollen" });
    expect(within(signers).getByLabelText("Ola Dale (Ap)")).toBeChecked();
    expect(within(signers).getByLabelText("Lars Berg (H)")).toBeChecked();
    expect(within(signers).getByLabelText("Ken Kvamme (Sp)")).not.toBeChecked();
    expect(within(roll).getByLabelText("Valt i sak")).toHaveValue("41");
    expect(perItem(roll)).toEqual([
      ["40/26", "4 av 5", "Ja"],
      ["41/26", "5 av 5", "Ja"],
      ["42/26", "4 av 5", "Ja"],
    ]);
    expect(onDirtyChange).not.toHaveBeenCalledWith(true);
    expect(calls.filter((c) => c.cmd === "get_roll").map((c) => c.args)).toEqual([{ id: 13 }]);
  });

  it("shows the roll of an approved meeting and lets nothing be changed", async () => {
    const calls = meetingsBackend([{ ...rollMeeting, status: "approved" }], {}, boards, { 13: allCame() });
    const { roll } = await renderRoll();
    expect(within(roll).getByLabelText("Parti: Ola Dale")).toBeDisabled();
    expect(within(roll).getByTestId("roll-chair")).toBeDisabled();
    expect(within(roll).queryByTestId("roll-save")).not.toBeInTheDocument();
    expect(within(roll).queryByTestId("roll-add-member")).not.toBeInTheDocument();
    expect(within(roll).queryByTestId("roll-ugild-add")).not.toBeInTheDocument();
    expect(within(roll).queryByRole("button", { name: /Forfall|Fjern|Meir/ })).not.toBeInTheDocument();
    within(roll).getAllByText("Vis namn")[0]?.closest("summary")?.focus();
    expect(document.activeElement?.tagName).toBe("SUMMARY");
    await userEvent.keyboard("{Control>}s{/Control}");
    expect(sentRolls(calls)).toEqual([]);
  });

  it("says when the board has no members registered for the term, and takes the members as recorded", async () => {
    const calls = backendWith();
    const { roll } = await renderRoll(11);
    expect(within(roll).getByTestId("roll-seats-unknown")).toHaveTextContent("Utvalet har ingen medlemer registrerte");
    expect(within(roll).queryByTestId("roll-all-members")).not.toBeInTheDocument();
    await userEvent.click(within(roll).getByTestId("roll-add-member"));
    await userEvent.type(within(roll).getByLabelText("Namn, rad 1"), "Åse Fjeld");
    await userEvent.click(within(roll).getByTestId("roll-add-member"));
    await userEvent.type(within(roll).getByLabelText("Namn, rad 2"), "Tone Lund");
    await userEvent.click(within(roll).getByRole("button", { name: "Forfall: Tone Lund" }));
    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    expect(sentRolls(calls)[0]?.attendance.apologies).toEqual(["Tone Lund"]);
    await vi.waitFor(() => expect(perItem(roll)[0]).toEqual(["PS 054/26", "1 av 2", "Ja"]));
  });

  it("reads the counts anew when the sakliste changes, and keeps the rows on their items", async () => {
    const calls = backendWith({ 13: allCame() });
    const { roll } = await renderRoll();
    await userEvent.click(within(roll).getByRole("button", { name: "Meir: Anne Moen" }));
    await userEvent.selectOptions(within(roll).getByLabelText("Frå sak: Anne Moen"), "42/26 Økonomiplan 2027–2030");
    // Økonomiplan moves up in the sakliste before the roll is saved.
    await userEvent.click(screen.getByRole("button", { name: "Flytt opp: Økonomiplan 2027–2030" }));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "get_roll")).toHaveLength(2));
    expect(within(roll).getByLabelText("Frå sak: Anne Moen")).toHaveValue("43");
    await userEvent.click(within(roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(calls)).toHaveLength(1));
    // Økonomiplan is now the second item.
    expect(sentRolls(calls)[0]?.attendance.attendees[3]?.from_item).toBe(1);
  });

  it("shows the section in Bokmål", async () => {
    setLang("nb");
    backendWith({ 13: allCame() });
    const { roll } = await renderRoll();
    expect(within(roll).getByRole("heading", { level: 3, name: "Stemmeberettigede per sak" })).toBeInTheDocument();
    expect(within(roll).getByRole("button", { name: "Mer: Ola Dale" })).toBeInTheDocument();
    expect(within(roll).getByTestId("roll-save")).toHaveTextContent("Lagre oppmøte");
    expect(within(roll).getByRole("columnheader", { name: "Stemmeberettigede" })).toBeInTheDocument();
  });

  it("keeps what is typed as a draft after a pause, and gets it back when the meeting is opened again", async () => {
    const calls = backendWith({ 13: allCame() });
    const first = await renderRoll();
    await userEvent.click(within(first.roll).getByRole("button", { name: "Forfall: Kari Nordheim" }));
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === "save_draft")).toHaveLength(1), { timeout: 2000 });
    const draft = calls.find((c) => c.cmd === "save_draft")?.args;
    expect(draft).toMatchObject({ id: 13, key: "roll" });

    // The machine dies: the window is gone without a word, and comes back with the draft it left.
    clearMocks();
    document.body.innerHTML = "";
    const again = meetingsBackend([rollMeeting, kommunestyreMeeting], {}, boards, { 13: allCame() }, {}, {}, {
      13: [{ key: "roll", content: String(draft?.content), saved_at: new Date(2026, 10, 19, 10, 42).toISOString() }],
    });
    const second = await renderRoll();
    await vi.waitFor(() => expect(second.onNotice).toHaveBeenCalledWith("Utkastet frå kl. 10:42 er henta fram."));
    expect(within(second.roll).getByRole("button", { name: "Forfall: Kari Nordheim" })).toHaveAttribute("aria-pressed", "true");
    expect(within(second.roll).getByTestId("roll-dirty")).toBeInTheDocument();

    // Saving commits the roll (the back end drops its draft in the same transaction); no draft is sent after it.
    await userEvent.click(within(second.roll).getByTestId("roll-save"));
    await vi.waitFor(() => expect(sentRolls(again)).toHaveLength(1));
    expect(sentRolls(again)[0]?.attendance.apologies).toEqual(["Kari Nordheim"]);
    await vi.waitFor(() => expect(within(second.roll).queryByTestId("roll-dirty")).not.toBeInTheDocument());
    await new Promise((r) => setTimeout(r, 900));
    expect(again.filter((c) => c.cmd === "save_draft")).toHaveLength(0);
  });
});
