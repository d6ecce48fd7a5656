import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "../../App.svelte";
import type { CaseInput, CaseRecord, FieldError } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { backend, defaults, demoRow, detail, listOf, okStatus, record, type Args } from "../../test/backend";

const DRAFT_KEY = "saksbok.draft.newCase";
const titleError: FieldError = { field: "title", message: "Saka må ha ein tittel." };

/** validate_case as the back end answers for the two rules the tests use. */
function validate(a: Args): FieldError[] {
  const input = a.input as CaseInput;
  return input.title.trim() === "" ? [titleError] : [];
}

function app(extra: Record<string, (a: Args) => unknown> = {}) {
  const calls = backend({
    app_status: () => okStatus(false),
    case_filter_options: () => ({ years: [], officers: [], boards: [] }),
    list_cases: listOf([demoRow]),
    new_case_defaults: () => defaults,
    validate_case: validate,
    get_case: () => detail,
    ...extra,
  });
  const { unmount } = render(App);
  return { calls, unmount };
}

async function openNewForm() {
  await screen.findByTestId("case-row");
  await userEvent.keyboard("{Control>}n{/Control}");
  const form = await screen.findByTestId("case-form");
  await waitFor(() => expect(screen.getByLabelText("Tittel")).toHaveFocus());
  return form;
}

beforeEach(() => {
  localStorage.clear();
  setLang("nn");
});
afterEach(() => clearMocks());

describe("a new case", () => {
  it("opens with Ctrl+N, with today's date and the number it will get", async () => {
    app();
    await openNewForm();
    expect(screen.getByRole("heading", { name: "Ny sak" })).toBeInTheDocument();
    expect(screen.getByLabelText("Saksnummer")).toHaveAttribute("placeholder", "Tildelt ved lagring: 26/1");
    expect(screen.getByText(/til dømes 2021\/1069/)).toBeInTheDocument();
    expect(screen.getByLabelText("Oppretta")).toHaveValue("25.11.2026");
    expect(screen.getByLabelText("Status")).toHaveValue("in_progress");
    expect(screen.queryByLabelText("Heimel for skjerming")).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText("Skjerma"));
    expect(screen.getByLabelText("Heimel for skjerming")).toHaveAttribute("placeholder", "offl. § 13 jf. fvl. § 13");
    expect(screen.getByLabelText("Offentleg tittel")).toBeInTheDocument();
  });

  it("validates as the user types and shows the error beside the title", async () => {
    const { calls } = app();
    await openNewForm();
    const title = screen.getByLabelText("Tittel");
    // Untouched: no error shown although the back end finds one.
    await waitFor(() => expect(calls.some((c) => c.cmd === "validate_case")).toBe(true));
    expect(title).not.toHaveAttribute("aria-invalid");

    await userEvent.type(title, "x");
    expect(screen.getByText("1/500")).toBeInTheDocument();
    await userEvent.clear(title);
    const error = await screen.findByText("Saka må ha ein tittel.");
    expect(error).toHaveClass("field-error");
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(title.getAttribute("aria-describedby")?.split(" ")).toContain(error.id);
    expect(calls.filter((c) => c.cmd === "validate_case").at(-1)?.args).toMatchObject({
      input: { title: "" },
      editing: null,
    });

    await userEvent.type(title, "Ny tittel");
    await waitFor(() => expect(screen.queryByText("Saka må ha ein tittel.")).not.toBeInTheDocument());
    expect(title).not.toHaveAttribute("aria-invalid");
  });

  it("saves the typed case and shows it", async () => {
    const saved: CaseRecord = {
      ...record,
      id: 42,
      number: { year: 2026, seq: 1 },
      title: "Ny gang- og sykkelveg ved Rådhuset i Gaupne",
    };
    const { calls } = app({
      create_case: () => saved,
      get_case: (a) => (a.id === 42 ? { ...detail, case: saved, saksgang: [], journal: [], history: [] } : detail),
    });
    await openNewForm();
    await userEvent.type(screen.getByLabelText("Tittel"), "Ny gang- og sykkelveg ved Rådhuset i Gaupne");
    await userEvent.type(screen.getByLabelText("Saksansvarleg"), "Kari Nordheim");
    await userEvent.type(screen.getByLabelText("Avdeling"), "Teknisk");
    await userEvent.type(screen.getByLabelText("Arkivkode"), "Q13");
    await userEvent.click(screen.getByLabelText("Skjerma"));
    await userEvent.type(screen.getByLabelText("Heimel for skjerming"), "offl. § 13");
    await userEvent.type(screen.getByLabelText("Offentleg tittel"), "Gang- og sykkelveg");
    await userEvent.type(screen.getByLabelText("Merknad"), "Førebels.");
    await userEvent.click(screen.getByTestId("save-case"));

    expect(await screen.findByTestId("case-view")).toBeInTheDocument();
    const input: CaseInput = {
      number: null,
      title: "Ny gang- og sykkelveg ved Rådhuset i Gaupne",
      public_title: "Gang- og sykkelveg",
      status: "in_progress",
      officer: "Kari Nordheim",
      unit: "Teknisk",
      classification: "Q13",
      screening_basis: "offl. § 13",
      opened_on: "25.11.2026",
      closed_on: null,
      notes: "Førebels.",
    };
    expect(calls.find((c) => c.cmd === "create_case")?.args).toEqual({ input });
    expect(await screen.findByTestId("case-title")).toHaveTextContent(saved.title);
    expect(screen.getByTestId("case-number")).toHaveTextContent("26/1");
    expect(screen.getByRole("status")).toHaveTextContent("Saka er lagra.");
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
  });

  it("saves with Enter in a single-line field and with Ctrl+S", async () => {
    const { calls } = app({ create_case: () => record });
    await openNewForm();
    await userEvent.type(screen.getByLabelText("Tittel"), "Søknad{Enter}");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "create_case")).toHaveLength(1));
    await screen.findByTestId("case-view");

    await userEvent.keyboard("{Control>}e{/Control}");
    await screen.findByTestId("case-form");
    await waitFor(() => expect(screen.getByLabelText("Tittel")).toHaveValue(record.title));
    await userEvent.keyboard("{Control>}s{/Control}");
    await waitFor(() => expect(calls.some((c) => c.cmd === "update_case")).toBe(true));
  });

  it("shows the back end's refusal by field and focuses the first bad field", async () => {
    app({
      create_case: () => {
        throw {
          code: "invalid",
          message: "Saka er ikkje lagra.",
          fields: [
            { field: "opened_on", message: "«31.02.2026» er ikkje ein gyldig dato for oppretta. Skriv til dømes 15.04.2021." },
            { field: "number", message: "Saksnummeret 21/1069 er alt i bruk." },
          ],
        };
      },
    });
    await openNewForm();
    await userEvent.type(screen.getByLabelText("Saksnummer"), "21/1069");
    await userEvent.type(screen.getByLabelText("Tittel"), "Ny sak");
    await userEvent.clear(screen.getByLabelText("Oppretta"));
    await userEvent.type(screen.getByLabelText("Oppretta"), "31.02.2026");
    await userEvent.click(screen.getByTestId("save-case"));

    const number = screen.getByLabelText("Saksnummer");
    await waitFor(() => expect(number).toHaveFocus());
    expect(number).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Saksnummeret 21/1069 er alt i bruk.")).toHaveClass("field-error");
    expect(screen.getByLabelText("Oppretta")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/er ikkje ein gyldig dato for oppretta/)).toBeInTheDocument();
    expect(screen.getByLabelText("Tittel")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByTestId("case-view")).not.toBeInTheDocument();
  });

  it("shows any other failure as an error banner", async () => {
    app({
      create_case: () => {
        throw { code: "db_locked", message: "Databasen er låst av eit anna program." };
      },
    });
    await openNewForm();
    await userEvent.type(screen.getByLabelText("Tittel"), "Ny sak");
    await userEvent.click(screen.getByTestId("save-case"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Databasen er låst av eit anna program.");
    expect(screen.getByTestId("case-form")).toBeInTheDocument();
  });
});

describe("no lost work", () => {
  it("keeps the draft of a new case and offers it the next time", async () => {
    const first = app();
    await openNewForm();
    await userEvent.type(screen.getByLabelText("Tittel"), "Utkast til sak");
    await userEvent.type(screen.getByLabelText("Saksansvarleg"), "Kari");
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "{}").fields.title).toBe("Utkast til sak");
    expect(first.calls.some((c) => c.cmd === "create_case")).toBe(false);

    // The window closes without saving …
    first.unmount();
    clearMocks();
    // … and opens again.
    app();
    await screen.findByTestId("case-row");
    await userEvent.keyboard("{Control>}n{/Control}");
    const offer = await screen.findByTestId("draft-offer");
    expect(offer).toHaveTextContent(/^Du har eit ulagra utkast frå \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\./);
    expect(screen.getByLabelText("Tittel")).toHaveValue("");
    await userEvent.click(within(offer).getByRole("button", { name: "Hent det fram" }));
    expect(screen.getByLabelText("Tittel")).toHaveValue("Utkast til sak");
    expect(screen.getByLabelText("Saksansvarleg")).toHaveValue("Kari");
    expect(screen.queryByTestId("draft-offer")).not.toBeInTheDocument();
  });

  it("forgets the draft when the user discards it", async () => {
    localStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({
        savedAt: "2026-11-25T09:42:00Z",
        fields: {
          number: "",
          title: "Gamalt utkast",
          status: "in_progress",
          officer: "",
          unit: "",
          classification: "",
          screened: false,
          screening_basis: "",
          public_title: "",
          opened_on: "25.11.2026",
          closed_on: "",
          notes: "",
        },
      }),
    );
    app();
    await screen.findByTestId("case-row");
    await userEvent.keyboard("{Control>}n{/Control}");
    const offer = await screen.findByTestId("draft-offer");
    await waitFor(() => expect(within(offer).getByRole("button", { name: "Hent det fram" })).toHaveFocus());
    await userEvent.click(within(offer).getByRole("button", { name: "Forkast" }));
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
    expect(screen.getByLabelText("Tittel")).toHaveValue("");
  });

  it("asks before leaving a dirty form, and Hald fram keeps it", async () => {
    app();
    await openNewForm();
    await userEvent.type(screen.getByLabelText("Tittel"), "Halvferdig");
    await userEvent.keyboard("{Escape}");
    const dialog = await screen.findByRole("alertdialog", { name: "Forkaste endringane?" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(within(dialog).getByRole("button", { name: "Hald fram" })).toHaveFocus();
    // Tab stays inside the dialog.
    await userEvent.tab();
    await userEvent.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    // Escape answers the dialog, not the form.
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Tittel")).toHaveValue("Halvferdig");

    await userEvent.click(screen.getByRole("button", { name: "Avbryt" }));
    const again = await screen.findByRole("alertdialog");
    await userEvent.click(within(again).getByRole("button", { name: "Forkast" }));
    expect(await screen.findByTestId("case-row")).toBeInTheDocument();
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
  });

  it("leaves a clean form without asking", async () => {
    app();
    await openNewForm();
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByTestId("case-row")).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });
});

describe("editing", () => {
  it("fills the form from the case and saves with update_case", async () => {
    const { calls } = app({ update_case: (a) => ({ ...record, title: (a.input as CaseInput).title }) });
    await userEvent.click(await screen.findByTestId("case-row"));
    await userEvent.click(await screen.findByTestId("edit-case"));
    expect(await screen.findByRole("heading", { name: "Endre sak 21/1069" })).toBeInTheDocument();
    const title = screen.getByLabelText("Tittel");
    await waitFor(() => expect(title).toHaveValue(record.title));
    expect(screen.queryByLabelText("Saksnummer")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Oppretta")).toHaveValue("02.03.2021");
    expect(screen.getByLabelText("Avdeling")).toHaveValue("Stab");
    await userEvent.clear(title);
    await userEvent.type(title, "IKT-samarbeid med SYS-IKT");
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "validate_case").at(-1)?.args).toMatchObject({
        input: { title: "IKT-samarbeid med SYS-IKT" },
        editing: 1,
      }),
    );
    await userEvent.click(screen.getByTestId("save-case"));
    await screen.findByTestId("case-view");
    const update = calls.find((c) => c.cmd === "update_case");
    expect(update?.args).toMatchObject({ id: 1, input: { number: null, title: "IKT-samarbeid med SYS-IKT", unit: "Stab" } });
  });
});
