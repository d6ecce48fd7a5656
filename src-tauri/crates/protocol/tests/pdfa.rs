//! PDF/A-2B, checked part by part on real rendered protocols (veraPDF, the
//! reference validator, checks the whole in tests/verapdf.rs): XMP metadata
//! naming part 2 conformance B that says what the document information
//! says, an sRGB output intent with its ICC profile, every font embedded, no
//! encryption, script or outside reference, and a document ID.

mod common;

use lopdf::{Document, Object, decode_text_string};

fn string(doc: &Document, dict: &lopdf::Dictionary, key: &str) -> String {
    let o = dict.get(key.as_bytes()).unwrap_or_else(|_| panic!("{key} missing"));
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        o => o,
    };
    decode_text_string(o).unwrap()
}

/// The text of one XMP element, `<name>…</name>` or inside its `rdf:li`.
fn xmp_value<'a>(xmp: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>");
    let start = xmp.find(&open).unwrap_or_else(|| panic!("{name} not in the XMP:\n{xmp}")) + open.len();
    let end = start + xmp[start..].find(&format!("</{name}>")).unwrap();
    let inner = &xmp[start..end];
    match inner.find("<rdf:li") {
        Some(li) => {
            let from = li + inner[li..].find('>').unwrap() + 1;
            &inner[from..from + inner[from..].find("</rdf:li>").unwrap()]
        }
        None => inner,
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

#[test]
fn the_header_says_pdf_1_7_with_a_binary_comment() {
    for (name, r) in samples() {
        assert!(r.pdf.starts_with(b"%PDF-1.7\n%"), "{name}");
        let second = r.pdf.split(|b| *b == b'\n').nth(1).unwrap();
        assert!(second.len() >= 5 && second[1..5].iter().all(|b| *b >= 128), "{name}: {second:?}");
    }
}

#[test]
fn xmp_metadata_names_pdfa_2b_and_matches_the_document_information() {
    for (name, r) in samples() {
        let doc = Document::load_mem(&r.pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        let meta = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
        let meta = meta.as_stream().unwrap();
        assert_eq!(meta.dict.get(b"Type").unwrap().as_name().unwrap(), b"Metadata", "{name}");
        assert_eq!(meta.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"XML", "{name}");
        assert!(meta.dict.get(b"Filter").is_err(), "{name}: the metadata is left uncompressed");
        let xmp = String::from_utf8(meta.content.clone()).unwrap();
        assert_eq!(xmp_value(&xmp, "pdfaid:part"), "2", "{name}");
        assert_eq!(xmp_value(&xmp, "pdfaid:conformance"), "B", "{name}");

        let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info_id).unwrap();
        assert_eq!(unescape(xmp_value(&xmp, "dc:title")), string(&doc, info, "Title"), "{name}");
        assert_eq!(unescape(xmp_value(&xmp, "dc:creator")), string(&doc, info, "Author"), "{name}");
        assert_eq!(unescape(xmp_value(&xmp, "xmp:CreatorTool")), string(&doc, info, "Creator"), "{name}");
        assert_eq!(unescape(xmp_value(&xmp, "pdf:Producer")), string(&doc, info, "Producer"), "{name}");
        if info.get(b"Subject").is_ok() {
            assert_eq!(unescape(xmp_value(&xmp, "dc:description")), string(&doc, info, "Subject"), "{name}");
        }
        // 2026-11-25 10:30:00 UTC in both forms.
        assert_eq!(string(&doc, info, "CreationDate"), "D:20261125103000+00'00'", "{name}");
        assert_eq!(xmp_value(&xmp, "xmp:CreateDate"), "2026-11-25T10:30:00Z", "{name}");
        assert_eq!(string(&doc, info, "ModDate"), "D:20261125103000+00'00'", "{name}");
        assert_eq!(xmp_value(&xmp, "xmp:ModifyDate"), "2026-11-25T10:30:00Z", "{name}");
        for key in info.iter().map(|(k, _)| String::from_utf8_lossy(k).into_owned()) {
            assert!(
                ["Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate"]
                    .contains(&key.as_str()),
                "{name}: only standard entries in the document information, not {key}"
            );
        }

        // The document ID: two 16-byte strings in the trailer, the same in the XMP.
        let ids = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        assert_eq!(ids.len(), 2, "{name}");
        let first = ids[0].as_str().unwrap();
        assert_eq!(first.len(), 16, "{name}");
        let hex = saksbok_core::hash::hex(first);
        let uuid = xmp_value(&xmp, "xmpMM:DocumentID").replace('-', "");
        assert_eq!(uuid, format!("uuid:{hex}"), "{name}");
    }
}

#[test]
fn the_output_intent_is_srgb_with_its_icc_profile() {
    for (name, r) in samples() {
        let doc = Document::load_mem(&r.pdf).unwrap();
        let intents = doc.catalog().unwrap().get(b"OutputIntents").unwrap().as_array().unwrap();
        assert_eq!(intents.len(), 1, "{name}");
        let intent = intents[0].as_dict().unwrap();
        assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1", "{name}");
        assert_eq!(intent.get(b"OutputConditionIdentifier").unwrap().as_str().unwrap(), b"sRGB IEC61966-2.1");
        let profile = doc.get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap();
        let profile = profile.as_stream().unwrap();
        assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3, "{name}: three components (RGB)");
        let icc = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
        assert_eq!(&icc[36..40], b"acsp", "{name}: an ICC profile");
        assert_eq!(&icc[16..20], b"RGB ", "{name}");
        assert_eq!(u32::from_be_bytes(icc[..4].try_into().unwrap()) as usize, icc.len(), "{name}: the whole profile");
    }
}

#[test]
fn every_font_is_embedded_and_nothing_encrypts_runs_or_points_outside() {
    for (name, r) in samples() {
        let doc = Document::load_mem(&r.pdf).unwrap();
        assert!(doc.trailer.get(b"Encrypt").is_err(), "{name}: encrypted");
        let mut descriptors = 0;
        for (id, object) in &doc.objects {
            let dict = match object {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            for key in ["JS", "JavaScript", "AA", "OpenAction", "URI", "Launch", "GoToR", "EmbeddedFiles"] {
                assert!(dict.get(key.as_bytes()).is_err(), "{name}: object {id:?} has /{key}");
            }
            let script = dict.get(b"S").and_then(Object::as_name).is_ok_and(|s| s == b"JavaScript");
            assert!(!script, "{name}: a JavaScript action in {id:?}");
            if dict.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"FontDescriptor") {
                descriptors += 1;
                assert!(
                    ["FontFile", "FontFile2", "FontFile3"].iter().any(|k| dict.get(k.as_bytes()).is_ok()),
                    "{name}: font descriptor {id:?} has no embedded font program"
                );
            }
        }
        assert!(descriptors >= 1, "{name}: fonts found");
    }
}

fn samples() -> Vec<(&'static str, saksbok_protocol::Rendered)> {
    saksbok_protocol::samples::every_kind(common::now())
}
