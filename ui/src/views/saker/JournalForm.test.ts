// The journal form on its own, changing an existing journalpost. (Registering
// a new one, and opening the form from the case view, are in CaseView.test.ts.)
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { JournalInput, JournalRecord } from "../../lib/api";
import { setLang } from "../../lib/i18n.svelte";
import { backend, type Args } from "../../test/backend";
import JournalForm from "./JournalForm.svelte";

/** Journalpost 21/1069-1, registered by the sakshandsamar and skjerma. */
const entry: JournalRecord = {
  id: 11,
  uuid: "0b7d6c1e-0000-4000-8000-000000000011",
  number: { case: { year: 2021, seq: 1069 }, doc: 1 },
  kind: "incoming",
  date: "2021-03-02",
  correspondent: "Sogndal kommune",
  title: "Invitasjon til IKT-samarbeid",
  public_title: "Invitasjon frå nabokommune",
  status: "registered",
  screening_basis: "offl. § 13 jf. fvl. § 13",
};

/** What the form sends for `entry` unchanged. */
const unchanged: JournalInput = {
  kind: "incoming",
  date: "02.03.2021",
  correspondent: "Sogndal kommune",
  title: "Invitasjon til IKT-samarbeid",
  public_title: "Invitasjon frå nabokommune",
  status: "registered",
  screening_basis: "offl. § 13 jf. fvl. § 13",
};

function form(handlers: Record<string, (a: Args) => unknown>) {
  const calls = backend(handlers);
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  const onDirtyChange = vi.fn();
  render(JournalForm, { props: { caseId: 1, entry, onSaved, onCancel, onDirtyChange } });
  return { calls, onSaved, onCancel, onDirtyChange };
}

beforeEach(() => setLang("nn"));
afterEach(() => clearMocks());

describe("changing a journalpost", () => {
  it("is filled from the journalpost and saves the new status with update_journal_entry", async () => {
    const { calls, onSaved, onDirtyChange } = form({
      update_journal_entry: (a) => ({ ...entry, status: (a.input as JournalInput).status }),
    });
    expect(screen.getByRole("heading", { name: "Endre journalpost 21/1069-1" })).toBeInTheDocument();
    expect(screen.getByLabelText("Type")).toHaveValue("incoming");
    expect(screen.getByLabelText("Type")).toHaveFocus();
    // The date as the form takes it in, not as it is stored.
    expect(screen.getByLabelText("Journaldato")).toHaveValue("02.03.2021");
    expect(screen.getByLabelText("Avsendar/mottakar")).toHaveValue("Sogndal kommune");
    expect(screen.getByLabelText("Tittel")).toHaveValue("Invitasjon til IKT-samarbeid");
    expect(screen.getByLabelText("Status")).toHaveValue("registered");
    expect(screen.getByLabelText("Skjerma")).toBeChecked();
    expect(screen.getByLabelText("Heimel for skjerming")).toHaveValue("offl. § 13 jf. fvl. § 13");
    expect(screen.getByLabelText("Offentleg tittel")).toHaveValue("Invitasjon frå nabokommune");
    // Documents are attached in the case view, not here.
    expect(screen.queryByTestId("attach-file")).not.toBeInTheDocument();
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);

    await userEvent.selectOptions(screen.getByLabelText("Status"), "journalised");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    const save = screen.getByRole("button", { name: "Lagra endringar" });
    expect(save).toBe(screen.getByTestId("save-journal"));
    await userEvent.click(save);

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.cmd)).toEqual(["update_journal_entry"]);
    expect(calls[0]?.args).toEqual({ id: 11, input: { ...unchanged, status: "journalised" } });
    expect(onSaved).toHaveBeenCalledWith({ ...entry, status: "journalised" });
  });

  it("says whether it has unsaved changes, and a change undone is none", async () => {
    const { onDirtyChange } = form({});
    const title = screen.getByLabelText("Tittel");
    await userEvent.type(title, "!");
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await userEvent.type(title, "{Backspace}");
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    // Lifting the skjerming is a change: the heimel and public title are no longer sent.
    await userEvent.click(screen.getByLabelText("Skjerma"));
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
  });

  it("shows the back end's field error at its field and saves once it is put right", async () => {
    let refuse = true;
    const { calls, onSaved, onCancel } = form({
      update_journal_entry: (a) => {
        if (refuse) {
          refuse = false;
          throw {
            code: "invalid",
            message: "Journalposten er ikkje lagra.",
            fields: [{ field: "date", message: "«31.02.2021» er ikkje ein gyldig journaldato. Skriv til dømes 15.04.2021." }],
          };
        }
        return { ...entry, date: "2021-03-03", status: (a.input as JournalInput).status };
      },
    });
    const date = screen.getByLabelText("Journaldato");
    await userEvent.clear(date);
    await userEvent.type(date, "31.02.2021");
    await userEvent.click(screen.getByTestId("save-journal"));

    await waitFor(() => expect(date).toHaveAttribute("aria-invalid", "true"));
    const error = screen.getByText("«31.02.2021» er ikkje ein gyldig journaldato. Skriv til dømes 15.04.2021.");
    expect(error).toHaveClass("field-error");
    expect(date).toHaveAttribute("aria-describedby", error.id);
    expect(date).toHaveFocus();
    // Only the field says what is wrong; the other fields and the form stay as they were.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Tittel")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Tittel")).toHaveValue("Invitasjon til IKT-samarbeid");
    expect(screen.getByTestId("save-journal")).toBeEnabled();
    expect(onSaved).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();

    await userEvent.clear(date);
    await userEvent.type(date, "03.03.2021");
    await userEvent.click(screen.getByTestId("save-journal"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls.filter((c) => c.cmd === "update_journal_entry")).toHaveLength(2);
    expect(calls.at(-1)?.args).toEqual({ id: 11, input: { ...unchanged, date: "03.03.2021" } });
    expect(screen.queryByText(/er ikkje ein gyldig journaldato/)).not.toBeInTheDocument();
  });

  it("is in Bokmål when the user has chosen it", () => {
    setLang("nb");
    form({});
    expect(screen.getByRole("heading", { name: "Endre journalpost 21/1069-1" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Lagre endringer" })).toBeInTheDocument();
    expect(screen.getByLabelText("Status")).toHaveDisplayValue("Registrert av saksbehandler");
  });
});
