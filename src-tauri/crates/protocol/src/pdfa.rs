//! PDF/A-2B (ISO 19005-2, level B): what an archive needs besides the pages.
//!
//! printpdf writes the pages and the embedded, subset fonts; this step makes
//! the file archival: one document information dictionary with only the
//! standard entries, the same facts as XMP metadata (with `pdfaid:part` 2 and
//! `pdfaid:conformance` B, written by the `xmp-writer` crate), an sRGB output
//! intent with its ICC profile, and a document ID in the trailer and in the
//! XMP. Nothing here encrypts, runs script or refers outside the file.

use chrono::{DateTime, Datelike, Timelike, Utc};
use lopdf::{Dictionary, Object, Stream, StringFormat, text_string as text};
use xmp_writer::{Timezone, XmpWriter};

/// The sRGB profile of the output intent (CC0, see `icc/README.txt`).
const SRGB_ICC: &[u8] = include_bytes!("../icc/sRGB.icc");

/// What the document says about itself, the same in the document
/// information dictionary and in the XMP metadata.
pub(crate) struct Facts<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub creator: &'a str,
    pub producer: &'a str,
    pub when: DateTime<Utc>,
    /// 16 bytes that name this document (the trailer's /ID and the XMP's
    /// document and instance IDs).
    pub id: [u8; 16],
}

/// A PDF date (`D:YYYYMMDDHHmmSS+00'00'`), always in UTC.
fn pdf_date(t: DateTime<Utc>) -> Object {
    Object::String(t.format("D:%Y%m%d%H%M%S+00'00'").to_string().into_bytes(), StringFormat::Literal)
}

fn xmp_date(t: DateTime<Utc>) -> xmp_writer::DateTime {
    // Years before 1 or after 65535 cannot reach here: `when` comes from a clock or SOURCE_DATE_EPOCH.
    xmp_writer::DateTime::new(
        u16::try_from(t.year()).unwrap_or(1970),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
        Timezone::Utc,
    )
}

fn uuid(id: &[u8; 16]) -> String {
    let h = saksbok_core::hash::hex(id);
    format!("uuid:{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// The XMP packet: the document information dictionary's facts, the PDF/A
/// identification and the document ID.
pub(crate) fn xmp(f: &Facts) -> String {
    let mut w = XmpWriter::new();
    w.format("application/pdf");
    w.title([(None, f.title)]);
    if !f.author.is_empty() {
        w.creator([f.author]);
    }
    if !f.subject.is_empty() {
        w.description([(None, f.subject)]);
    }
    w.creator_tool(f.creator);
    w.producer(f.producer);
    w.create_date(xmp_date(f.when));
    w.modify_date(xmp_date(f.when));
    w.metadata_date(xmp_date(f.when));
    let id = uuid(&f.id);
    w.document_id(&id);
    w.instance_id(&id);
    w.pdfa_part(2);
    w.pdfa_conformance("B");
    w.finish(None)
}

/// Makes a printpdf document PDF/A-2B. Call before compressing: the
/// metadata stream stays uncompressed so any tool can read it.
pub(crate) fn make_archival(doc: &mut lopdf::Document, f: &Facts) {
    doc.version = "1.7".to_string();

    let mut info = Dictionary::new();
    info.set("Title", text(f.title));
    if !f.author.is_empty() {
        info.set("Author", text(f.author));
    }
    if !f.subject.is_empty() {
        info.set("Subject", text(f.subject));
    }
    info.set("Creator", text(f.creator));
    info.set("Producer", text(f.producer));
    info.set("CreationDate", pdf_date(f.when));
    info.set("ModDate", pdf_date(f.when));
    // printpdf's own dictionary carries non-standard keys (GTS_PDFXVersion,
    // Identifier): it is replaced where it stands.
    if let Ok(existing) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.insert(existing, Object::Dictionary(info));
    } else {
        let info_id = doc.add_object(info);
        doc.trailer.set("Info", info_id);
    }

    let mut meta = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(f).into_bytes(),
    );
    meta.allows_compression = false;
    let meta_id = doc.add_object(meta);

    let icc = Stream::new(Dictionary::from_iter([("N", Object::Integer(3))]), SRGB_ICC.to_vec());
    let icc_id = doc.add_object(icc);
    let intent = Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", Object::string_literal("sRGB IEC61966-2.1")),
        ("RegistryName", Object::string_literal("http://www.color.org")),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);

    let catalog = doc.catalog_mut().expect("printpdf always writes a catalog");
    catalog.set("Metadata", meta_id);
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));

    let id = Object::String(f.id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts<'static> {
        Facts {
            title: "Saksprotokoll 54/21 – Kommunestyret <ø&å>",
            author: "Luster kommune",
            subject: "",
            creator: "Saksbok 0.1.0",
            producer: "Saksbok (printpdf)",
            when: DateTime::from_timestamp(1_623_312_000, 0).unwrap(),
            id: [0xAB; 16],
        }
    }

    #[test]
    fn the_xmp_names_pdfa_2b_and_says_what_the_info_says() {
        let x = xmp(&facts());
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"), "{x}");
        assert!(x.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{x}");
        assert!(x.contains("Saksprotokoll 54/21 – Kommunestyret &lt;ø&amp;å&gt;"), "escaped title: {x}");
        assert!(x.contains("<rdf:li>Luster kommune</rdf:li>"), "{x}");
        assert!(x.contains("2021-06-10T08:00:00Z"), "create date: {x}");
        assert!(x.contains("uuid:abababab-abab-abab-abab-abababababab"), "{x}");
        assert!(!x.contains("description"), "an empty subject is left out: {x}");
    }

    #[test]
    fn dates_are_pdf_dates_in_utc() {
        let Object::String(d, _) = pdf_date(facts().when) else { panic!() };
        assert_eq!(d, b"D:20210610080000+00'00'");
    }

    #[test]
    fn the_output_profile_is_an_rgb_display_profile() {
        assert_eq!(&SRGB_ICC[12..16], b"mntr");
        assert_eq!(&SRGB_ICC[16..20], b"RGB ");
        assert_eq!(&SRGB_ICC[36..40], b"acsp");
    }
}
