//! Empty signature fields on the signature lines.
//!
//! A møtebok with signatories carries one empty signature field (a widget
//! on the room above each line) per signatory, made with the document, so
//! every digital signature later only fills its own field in an incremental
//! update and keeps the earlier ones valid. The fields carry no DocMDP: any
//! number of signatories may sign, in any order.

use lopdf::{Dictionary, Object, Stream, text_string};

use crate::layout::Layout;

/// The partial field name of the `n`-th signature line (1-based). Field
/// names may not hold periods; the signatory's name is the field's
/// alternate name (`/TU`).
pub fn field_name(n: usize) -> String {
    format!("Underskrift {n}")
}

/// Adds the signature fields of `layout`'s slots to `doc` (made by printpdf
/// from the same layout, page for page). Nothing is added when the layout
/// has no signature lines.
pub(crate) fn add_signature_fields(doc: &mut lopdf::Document, layout: &Layout) {
    let page_ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let height = layout.style.height;
    let mut fields = Vec::new();
    for (page, page_id) in layout.pages.iter().zip(page_ids) {
        let mut annots = Vec::new();
        for slot in &page.slots {
            let (w, h) = (slot.x2 - slot.x1, slot.y - slot.top);
            // An empty appearance: PDF/A wants one for every visible widget.
            let appearance = doc.add_object(Stream::new(
                Dictionary::from_iter([
                    ("Type", Object::Name(b"XObject".to_vec())),
                    ("Subtype", Object::Name(b"Form".to_vec())),
                    ("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)])),
                    ("Resources", Object::Dictionary(Dictionary::new())),
                ]),
                Vec::new(),
            ));
            let rect = [slot.x1, height - slot.y, slot.x2, height - slot.top];
            let widget = Dictionary::from_iter([
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Widget".to_vec())),
                ("FT", Object::Name(b"Sig".to_vec())),
                ("T", text_string(&field_name(fields.len() + 1))),
                ("TU", text_string(&slot.name)),
                ("Rect", Object::Array(rect.iter().map(|v| Object::Real(*v)).collect())),
                // Print, and nothing that hides it.
                ("F", Object::Integer(4)),
                ("P", Object::Reference(page_id)),
                ("AP", Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(appearance))]))),
            ]);
            let id = doc.add_object(widget);
            annots.push(Object::Reference(id));
            fields.push(Object::Reference(id));
        }
        if !annots.is_empty() {
            let page = doc.get_dictionary_mut(page_id).expect("printpdf writes each page as a dictionary");
            page.set("Annots", Object::Array(annots));
        }
    }
    if fields.is_empty() {
        return;
    }
    let form = doc.add_object(Dictionary::from_iter([("Fields", Object::Array(fields))]));
    doc.catalog_mut().expect("printpdf always writes a catalog").set("AcroForm", form);
}

#[cfg(test)]
mod tests {
    use crate::document::{Block, Document};
    use crate::layout::{self, PageStyle};
    use crate::render::render_document;

    fn signed_by(names: &[&str]) -> Document {
        Document {
            blocks: vec![
                Block::Paragraph(saksbok_core::text::Paragraph::plain("Godkjent.")),
                Block::Signatures {
                    text: "Underskrifter:".into(),
                    signatories: saksbok_core::minutes::Signatory::named(names),
                },
            ],
            footer: "Møteprotokoll".into(),
            page_format: "Side {side} av {sider}".into(),
            title: "Møteprotokoll".into(),
            author: "Luster kommune".into(),
            subject: String::new(),
        }
    }

    #[test]
    fn each_signatory_gets_a_field_on_their_own_line() {
        let doc = signed_by(&["Anne Leiar", "Kari Nes", "Per Olav Berge"]);
        let l = layout::document(&doc, &PageStyle::default()).unwrap();
        let page = &l.pages[0];
        assert_eq!(page.slots.len(), 3);
        for (slot, rule) in page.slots.iter().zip(&page.rules) {
            assert_eq!((slot.x1, slot.x2, slot.y), (rule.x1, rule.x2, rule.y), "the field ends on the line");
            assert!(slot.top < slot.y - 20.0, "room to sign above the line");
        }
        let pdf = render_document(&doc, &PageStyle::default(), chrono::DateTime::UNIX_EPOCH).unwrap().pdf;
        let lo = lopdf::Document::load_mem(&pdf).unwrap();
        let form = lo.catalog().unwrap().get(b"AcroForm").unwrap().as_reference().unwrap();
        let fields = lo.get_dictionary(form).unwrap().get(b"Fields").unwrap().as_array().unwrap();
        let names: Vec<(String, String)> = fields
            .iter()
            .map(|f| {
                let d = lo.get_dictionary(f.as_reference().unwrap()).unwrap();
                let t = |k: &[u8]| lopdf::decode_text_string(d.get(k).unwrap()).unwrap();
                assert_eq!(d.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
                assert!(d.get(b"V").is_err(), "empty");
                (t(b"T"), t(b"TU"))
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Underskrift 1".to_string(), "Anne Leiar".to_string()),
                ("Underskrift 2".to_string(), "Kari Nes".to_string()),
                ("Underskrift 3".to_string(), "Per Olav Berge".to_string())
            ]
        );
    }

    #[test]
    fn a_document_without_signature_lines_has_no_form() {
        let mut doc = signed_by(&[]);
        doc.blocks.pop();
        let pdf = render_document(&doc, &PageStyle::default(), chrono::DateTime::UNIX_EPOCH).unwrap().pdf;
        let lo = lopdf::Document::load_mem(&pdf).unwrap();
        assert!(lo.catalog().unwrap().get(b"AcroForm").is_err());
    }
}
