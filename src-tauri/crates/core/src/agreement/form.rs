//! The agreement form: what a clerk types about an agreement and its
//! parties, checked field by field before anything is stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Running, Term, organisasjonsnummer};
use crate::case::{FieldError, MAX_NOTES, MAX_SHORT, MAX_TITLE, check_date, check_len, optional};

/// The longest free text of an agreement (purpose, scope, fullmakt…).
pub const MAX_TEXT: usize = 10_000;
/// The longest term in months (a hundred years).
pub const MAX_MONTHS: u32 = 1200;

macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$v),+];

            /// The code it is stored and exported by.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $code),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.as_str() == s)
            }

            /// The Nynorsk word.
            pub fn label(self) -> &'static str {
                match self { $(Self::$v => $label),+ }
            }
        }
    };
}

coded_enum! {
    /// What sort of agreement it is.
    AgreementKind {
        Samarbeidsavtale = "samarbeidsavtale" / "samarbeidsavtale",
        Vertskommuneavtale = "vertskommuneavtale" / "vertskommuneavtale",
        Selskapsavtale = "selskapsavtale" / "selskapsavtale (IKS)",
        Tenesteavtale = "tenesteavtale" / "tenesteavtale",
        Databehandlaravtale = "databehandlaravtale" / "databehandlaravtale",
        Anna = "anna" / "anna avtale",
    }
}

coded_enum! {
    /// How the cooperation is organised, which gives its legal basis.
    OrganisationForm {
        /// Administrativt vertskommunesamarbeid, kl. § 20-2.
        Vertskommune = "vertskommune" / "vertskommunesamarbeid",
        /// Vertskommune med felles folkevald nemnd, kl. § 20-3.
        VertskommuneNemnd = "vertskommune_nemnd" / "vertskommune med felles folkevald nemnd",
        /// Kommunalt oppgåvefellesskap, kl. kap. 19.
        Oppgavefellesskap = "oppgavefellesskap" / "kommunalt oppgåvefellesskap",
        /// Interkommunalt selskap, IKS-lova.
        Iks = "iks" / "interkommunalt selskap (IKS)",
        /// Aksjeselskap eigd av kommunane.
        Aksjeselskap = "aksjeselskap" / "aksjeselskap",
        /// A contract, no organisation of its own.
        Kontrakt = "kontrakt" / "avtale (kontrakt)",
    }
}

impl OrganisationForm {
    /// The legal basis the form has, offered when the clerk leaves it empty.
    pub fn legal_basis(self) -> &'static str {
        match self {
            Self::Vertskommune => "kommunelova § 20-2",
            Self::VertskommuneNemnd => "kommunelova § 20-3",
            Self::Oppgavefellesskap => "kommunelova kapittel 19",
            Self::Iks => "lov om interkommunale selskap",
            Self::Aksjeselskap => "aksjelova",
            Self::Kontrakt => "avtalelova",
        }
    }
}

coded_enum! {
    /// A party's part in the agreement.
    PartyRole {
        Vertskommune = "vertskommune" / "vertskommune",
        Deltakar = "deltakar" / "deltakar",
        Leverandor = "leverandor" / "leverandør",
        Anna = "anna" / "anna",
    }
}

coded_enum! {
    /// How an agreement runs, as the form offers it.
    TermKind {
        Fixed = "fixed" / "fast periode",
        Renewing = "renewing" / "fornyar seg sjølv",
        OpenEnded = "open_ended" / "løpande til oppseiing",
    }
}

/// One party as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartyInput {
    pub name: String,
    /// Nine digits, spaces allowed; empty when not known.
    pub orgnr: Option<String>,
    pub role: Option<PartyRole>,
    /// Kontaktperson, e-post or telefon.
    pub contact: Option<String>,
}

/// A party that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Party {
    pub name: String,
    pub orgnr: Option<String>,
    pub role: Option<PartyRole>,
    pub contact: Option<String>,
}

/// What a clerk types into the agreement form. Dates as dd.mm.yyyy or
/// yyyy-mm-dd; anything not known stays empty rather than guessed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct AgreementInput {
    pub title: String,
    pub kind: Option<AgreementKind>,
    pub organisation_form: Option<OrganisationForm>,
    /// Heimel, e.g. "kommunelova § 20-2"; empty: the organisation form's.
    pub legal_basis: Option<String>,
    /// Formål.
    pub purpose: Option<String>,
    /// Omfang: what the agreement covers.
    pub scope: Option<String>,
    /// Styringsorgan, e.g. "Styret for SyS IKT".
    pub governing_body: Option<String>,
    /// Kostnadsfordeling, e.g. "etter innbyggjartal".
    pub cost_sharing: Option<String>,
    /// Delegert mynde (fullmakt), word for word from the vedtak.
    pub fullmakt: Option<String>,
    pub start_date: Option<String>,
    pub term_kind: Option<TermKind>,
    /// The end of a fixed term, or of the first period of a renewing one.
    pub end_date: Option<String>,
    /// How long each renewal runs.
    pub renew_months: Option<u32>,
    /// Oppseiingstid in months.
    pub notice_months: Option<u32>,
    /// When the agreement is to be reviewed (revisjon).
    pub review_date: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub parties: Vec<PartyInput>,
}

/// An agreement that passed [`AgreementInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementFields {
    pub title: String,
    pub kind: AgreementKind,
    pub organisation_form: Option<OrganisationForm>,
    pub legal_basis: Option<String>,
    pub purpose: Option<String>,
    pub scope: Option<String>,
    pub governing_body: Option<String>,
    pub cost_sharing: Option<String>,
    pub fullmakt: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub term_kind: Option<TermKind>,
    pub end_date: Option<NaiveDate>,
    pub renew_months: Option<u32>,
    pub notice_months: Option<u32>,
    pub review_date: Option<NaiveDate>,
    pub notes: Option<String>,
    pub parties: Vec<Party>,
}

/// The term from the stored columns, when enough is known to compute
/// deadlines: a kind of term and (except open-ended) an end.
pub fn running(
    start: Option<NaiveDate>,
    kind: Option<TermKind>,
    end: Option<NaiveDate>,
    renew_months: Option<u32>,
    notice_months: Option<u32>,
) -> Option<Running> {
    let term = match kind? {
        TermKind::Fixed => Term::Fixed { end: end? },
        TermKind::Renewing => Term::Renewing { end: end?, renew_months: renew_months? },
        TermKind::OpenEnded => Term::OpenEnded,
    };
    Some(Running { start, term, notice_months: notice_months.unwrap_or(0) })
}

impl AgreementFields {
    pub fn running(&self) -> Option<Running> {
        running(self.start_date, self.term_kind, self.end_date, self.renew_months, self.notice_months)
    }
}

fn date_field(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>, what: &str) -> Option<NaiveDate> {
    optional(value).and_then(|v| check_date(errors, field, &v, what))
}

impl PartyInput {
    fn validate(&self, i: usize, errors: &mut Vec<FieldError>) -> Party {
        let field = |f: &str| format!("parties.{i}.{f}");
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new(&field("name"), format!("Part {} må ha eit namn.", i + 1)));
        }
        check_len(errors, &field("name"), Some(&name), MAX_SHORT, "Namnet på parten");
        let orgnr = optional(self.orgnr.as_deref()).and_then(|o| match organisasjonsnummer(&o) {
            Ok(o) => Some(o),
            Err(e) => {
                errors.push(FieldError::new(&field("orgnr"), e));
                None
            }
        });
        let contact = optional(self.contact.as_deref());
        check_len(errors, &field("contact"), contact.as_deref(), MAX_SHORT, "Kontakten");
        Party { name, orgnr, role: self.role, contact }
    }
}

impl AgreementInput {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<AgreementFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Avtalen må ha ein tittel."));
        }
        check_len(&mut errors, "title", Some(&title), MAX_TITLE, "Tittelen");
        if title.chars().any(char::is_control) {
            errors.push(FieldError::new("title", "Tittelen kan ikkje ha linjeskift eller kontrollteikn."));
        }
        let kind = self.kind.unwrap_or_else(|| {
            errors.push(FieldError::new("kind", "Vel kva slags avtale det er."));
            AgreementKind::Anna
        });
        let short = |errors: &mut Vec<FieldError>, field: &str, v: &Option<String>, what: &str| {
            let v = optional(v.as_deref());
            check_len(errors, field, v.as_deref(), MAX_SHORT, what);
            v
        };
        let text = |errors: &mut Vec<FieldError>, field: &str, v: &Option<String>, what: &str| {
            let v = optional(v.as_deref());
            check_len(errors, field, v.as_deref(), MAX_TEXT, what);
            v
        };
        let legal_basis = short(&mut errors, "legal_basis", &self.legal_basis, "Heimelen")
            .or_else(|| self.organisation_form.map(|f| f.legal_basis().to_string()));
        let purpose = text(&mut errors, "purpose", &self.purpose, "Formålet");
        let scope = text(&mut errors, "scope", &self.scope, "Omfanget");
        let governing_body = short(&mut errors, "governing_body", &self.governing_body, "Styringsorganet");
        let cost_sharing = text(&mut errors, "cost_sharing", &self.cost_sharing, "Kostnadsfordelinga");
        let fullmakt = text(&mut errors, "fullmakt", &self.fullmakt, "Fullmakta");
        let notes = optional(self.notes.as_deref());
        check_len(&mut errors, "notes", notes.as_deref(), MAX_NOTES, "Merknaden");

        let start_date = date_field(&mut errors, "start_date", self.start_date.as_deref(), "start");
        let end_date = date_field(&mut errors, "end_date", self.end_date.as_deref(), "slutt");
        let review_date = date_field(&mut errors, "review_date", self.review_date.as_deref(), "revisjon");
        for (field, months, what) in [
            ("renew_months", self.renew_months, "Fornyingsperioden"),
            ("notice_months", self.notice_months, "Oppseiingstida"),
        ] {
            if months.is_some_and(|m| m > MAX_MONTHS) {
                errors.push(FieldError::new(field, format!("{what} kan vera på høgst {MAX_MONTHS} månader.")));
            }
        }
        let (end_date, renew_months) = match self.term_kind {
            Some(TermKind::OpenEnded) => {
                if end_date.is_some() {
                    errors.push(FieldError::new(
                        "end_date",
                        "Ein avtale som løper til han vert sagd opp, har ingen sluttdato. Tøm feltet eller vel ein annan avtaleperiode.",
                    ));
                }
                (None, None)
            }
            Some(TermKind::Renewing) => {
                if self.renew_months.is_none_or(|m| m == 0) {
                    errors.push(FieldError::new(
                        "renew_months",
                        "Skriv kor mange månader avtalen vert fornya med kvar gong (til dømes 12).",
                    ));
                }
                (end_date, self.renew_months)
            }
            Some(TermKind::Fixed) | None => (end_date, None),
        };
        if matches!(self.term_kind, Some(TermKind::Fixed | TermKind::Renewing))
            && end_date.is_none()
            && optional(self.end_date.as_deref()).is_none()
        {
            errors.push(FieldError::new("end_date", "Skriv når avtaleperioden sluttar."));
        }
        if let Some(e) = end_date {
            // The renewal period is checked above; a missing one checks as a fixed term.
            let term = match renew_months {
                Some(m) if m > 0 => Term::Renewing { end: e, renew_months: m.min(MAX_MONTHS) },
                _ => Term::Fixed { end: e },
            };
            let run =
                Running { start: start_date, term, notice_months: self.notice_months.unwrap_or(0).min(MAX_MONTHS) };
            if let Err(message) = run.validate() {
                let field = if start_date.is_some_and(|s| e < s) { "end_date" } else { "notice_months" };
                errors.push(FieldError::new(field, message));
            }
        }
        if let (Some(s), Some(r)) = (start_date, review_date)
            && r < s
        {
            errors.push(FieldError::new("review_date", "Revisjonsdatoen kan ikkje vera før avtalen tek til."));
        }
        let parties: Vec<Party> = self.parties.iter().enumerate().map(|(i, p)| p.validate(i, &mut errors)).collect();
        for (i, p) in parties.iter().enumerate() {
            if let Some(o) = &p.orgnr
                && parties[..i].iter().any(|q| q.orgnr.as_ref() == Some(o))
            {
                errors.push(FieldError::new(
                    &format!("parties.{i}.orgnr"),
                    format!("Organisasjonsnummeret {o} står alt på ein annan part."),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AgreementFields {
            title,
            kind,
            organisation_form: self.organisation_form,
            legal_basis,
            purpose,
            scope,
            governing_body,
            cost_sharing,
            fullmakt,
            start_date,
            term_kind: self.term_kind,
            end_date,
            renew_months,
            notice_months: self.notice_months,
            review_date,
            notes,
            parties,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AgreementInput {
        AgreementInput {
            title: "Samarbeidsavtale om IKT".into(),
            kind: Some(AgreementKind::Samarbeidsavtale),
            organisation_form: Some(OrganisationForm::Vertskommune),
            start_date: Some("01.01.2022".into()),
            term_kind: Some(TermKind::Fixed),
            end_date: Some("31.12.2025".into()),
            notice_months: Some(6),
            parties: vec![
                PartyInput {
                    name: "Luster kommune".into(),
                    orgnr: Some("974 760 673".into()),
                    role: Some(PartyRole::Deltakar),
                    contact: None,
                },
                PartyInput {
                    name: "Sogndal kommune".into(),
                    orgnr: None,
                    role: Some(PartyRole::Vertskommune),
                    contact: None,
                },
            ],
            ..AgreementInput::default()
        }
    }

    fn fields_with_errors(i: &AgreementInput) -> Vec<String> {
        i.validate().unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_whole_agreement_is_read_and_its_legal_basis_offered() {
        let f = input().validate().unwrap();
        assert_eq!(f.legal_basis.as_deref(), Some("kommunelova § 20-2"));
        assert_eq!(f.parties[0].orgnr.as_deref(), Some("974760673"));
        assert_eq!(f.start_date, NaiveDate::from_ymd_opt(2022, 1, 1));
        let run = f.running().unwrap();
        let next = run.next_notice_deadline(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
        assert_eq!(next.deadline, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    }

    #[test]
    fn an_agreement_without_a_start_date_still_has_its_deadlines() {
        let mut i = input();
        i.start_date = None;
        let f = i.validate().unwrap();
        let next = f.running().unwrap().next_notice_deadline(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
        assert_eq!(next.deadline, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    }

    #[test]
    fn a_notice_period_longer_than_a_renewal_is_refused() {
        let mut i = input();
        i.term_kind = Some(TermKind::Renewing);
        i.renew_months = Some(6);
        i.notice_months = Some(12);
        let e = i.validate().unwrap_err();
        assert_eq!(e.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["notice_months"]);
        assert_eq!(e[0].message, "Oppseiingstida på 12 månader er lengre enn fornyingsperioden på 6 månader.");
    }

    #[test]
    fn a_draft_with_only_a_title_and_kind_is_enough() {
        let f = AgreementInput { title: "Avtale".into(), kind: Some(AgreementKind::Anna), ..Default::default() }
            .validate()
            .unwrap();
        assert!(f.running().is_none());
        assert!(f.legal_basis.is_none());
    }

    #[test]
    fn bad_input_names_each_field() {
        let mut i = input();
        i.parties[0].orgnr = Some("974 760 674".into());
        i.parties[1].name = " ".into();
        assert_eq!(fields_with_errors(&i), ["parties.0.orgnr", "parties.1.name"]);

        let mut i = input();
        i.end_date = Some("31.12.2021".into());
        assert_eq!(fields_with_errors(&i), ["end_date"]);

        let mut i = input();
        i.end_date = Some("31.03.2022".into());
        let e = i.validate().unwrap_err();
        assert_eq!(e[0].field, "notice_months");
        assert!(e[0].message.contains("lengre enn avtaleperioden"), "{}", e[0].message);

        let mut i = input();
        i.term_kind = Some(TermKind::Renewing);
        assert_eq!(fields_with_errors(&i), ["renew_months"]);

        let mut i = input();
        i.term_kind = Some(TermKind::OpenEnded);
        assert_eq!(fields_with_errors(&i), ["end_date"]);

        let mut i = input();
        i.end_date = None;
        assert_eq!(fields_with_errors(&i), ["end_date"]);

        let mut i = input();
        i.start_date = Some("32.01.2022".into());
        i.title = String::new();
        i.kind = None;
        assert_eq!(fields_with_errors(&i), ["title", "kind", "start_date"]);

        let mut i = input();
        i.parties[1].orgnr = Some("974760673".into());
        assert_eq!(fields_with_errors(&i), ["parties.1.orgnr"]);
    }

    #[test]
    fn codes_read_back() {
        for k in AgreementKind::ALL {
            assert_eq!(AgreementKind::parse(k.as_str()), Some(*k));
        }
        for k in OrganisationForm::ALL {
            assert_eq!(OrganisationForm::parse(k.as_str()), Some(*k));
        }
        assert_eq!(PartyRole::parse("leverandor").unwrap().label(), "leverandør");
        assert_eq!(TermKind::parse("nope"), None);
    }
}
