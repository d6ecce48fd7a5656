//! The Windows print path. Raw PDF bytes sent to the spooler print garbage
//! on most office printers, so the pages are drawn here, through GDI, on the
//! printer's device context, and the printer's driver turns them into what
//! the printer speaks (as every Windows program prints):
//!
//! - the printers come from the spooler (`EnumPrintersW`), the default from
//!   `GetDefaultPrinterW`, duplex from `DeviceCapabilitiesW`;
//! - the PDF is read by hayro-interpret ([`crate::pages`]); text in
//!   Saksbok's faces is drawn as text with the same font (loaded from the
//!   bytes the PDF was made with), each glyph where the PDF puts it; other
//!   glyphs as outlines, lines as lines, pictures as pictures;
//! - copies and duplex go in the job's DEVMODE; a driver that cannot make
//!   copies itself gets the pages as many times over.
//!
//! The Win32 calls are foreign functions: each `unsafe` block says why it is
//! sound, and nothing unsafe leaves this module.
#![allow(unsafe_code, reason = "GDI and the spooler are reached only through their C API")]

use std::collections::HashMap;
use std::path::Path;
use std::ptr::{null, null_mut};

use hayro_interpret::kurbo::{PathEl, Point};
use saksbok_protocol::fonts::FontKind;
use windows_sys::Win32::Foundation::{COLORREF, GetLastError, HANDLE, POINT, RECT};
use windows_sys::Win32::Graphics::Gdi::{
    ALTERNATE, AddFontMemResourceEx, BI_RGB, BITMAPINFO, BITMAPINFOHEADER, BS_SOLID, BeginPath, CLIP_DEFAULT_PRECIS,
    CloseFigure, CreateDCW, CreateFontW, CreateSolidBrush, DEFAULT_CHARSET, DEFAULT_PITCH, DEFAULT_QUALITY, DEVMODEW,
    DIB_RGB_COLORS, DM_COLLATE, DM_COPIES, DM_DUPLEX, DM_IN_BUFFER, DM_OUT_BUFFER, DMCOLLATE_TRUE, DMDUP_SIMPLEX,
    DMDUP_VERTICAL, DeleteDC, DeleteObject, EndPath, ExtCreatePen, ExtTextOutW, FW_BOLD, FW_NORMAL, FillPath,
    GetDeviceCaps, HALFTONE, HDC, HFONT, HGDIOBJ, LOGBRUSH, LOGPIXELSX, LOGPIXELSY, LineTo, MoveToEx,
    OUT_TT_ONLY_PRECIS, PHYSICALOFFSETX, PHYSICALOFFSETY, PS_ENDCAP_FLAT, PS_GEOMETRIC, PS_JOIN_MITER, PS_SOLID,
    PolyBezierTo, RGN_AND, RemoveFontMemResourceEx, RestoreDC, SRCCOPY, SaveDC, SelectClipPath, SelectObject,
    SetBkMode, SetPolyFillMode, SetStretchBltMode, SetTextAlign, SetTextColor, StretchDIBits, StrokeAndFillPath,
    StrokePath, TA_BASELINE, TA_LEFT, TRANSPARENT, WINDING,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DocumentPropertiesW, EnumPrintersW, GetDefaultPrinterW, OpenPrinterW, PRINTER_ATTRIBUTE_WORK_OFFLINE,
    PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_2W, PRINTER_STATUS_BUSY,
    PRINTER_STATUS_NOT_AVAILABLE, PRINTER_STATUS_OFFLINE, PRINTER_STATUS_PAUSED, PRINTER_STATUS_PRINTING,
};
use windows_sys::Win32::Storage::Xps::{
    AbortDoc, DC_COPIES, DC_DUPLEX, DOCINFOW, DeviceCapabilitiesW, EndDoc, EndPage, StartDocW, StartPage,
};

use crate::pages::{self, Face, Mark, Sheet, TextRun};
use crate::{PrintError, PrintJob, PrinterInfo, PrinterStatus};

/// The spooler does not answer (the Print Spooler service is stopped).
const RPC_S_SERVER_UNAVAILABLE: u32 = 1722;

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The text a spooler string points to; empty for none.
///
/// # Safety
/// `p` is null or points to a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the caller promises a NUL-terminated string.
    unsafe {
        let mut len = 0;
        while *p.add(len) != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
    }
}

fn default_name() -> Option<String> {
    let mut len = 0u32;
    // SAFETY: a null buffer asks for the length; the second call gets a buffer of that length.
    unsafe {
        GetDefaultPrinterW(null_mut(), &raw mut len);
        if len == 0 {
            return None;
        }
        let mut buf = vec![0u16; len as usize];
        (GetDefaultPrinterW(buf.as_mut_ptr(), &raw mut len) != 0).then(|| from_wide(buf.as_ptr()))
    }
}

fn capability(name: &[u16], port: &[u16], what: u16) -> i32 {
    // SAFETY: both strings are NUL-terminated; no output buffer is asked for.
    unsafe { DeviceCapabilitiesW(name.as_ptr(), port.as_ptr(), what, null_mut(), null()) }
}

fn status(info: &PRINTER_INFO_2W) -> PrinterStatus {
    let s = info.Status;
    if s & PRINTER_STATUS_PAUSED != 0 {
        PrinterStatus::Stopped
    } else if s & (PRINTER_STATUS_OFFLINE | PRINTER_STATUS_NOT_AVAILABLE) != 0
        || info.Attributes & PRINTER_ATTRIBUTE_WORK_OFFLINE != 0
    {
        PrinterStatus::Offline
    } else if s & (PRINTER_STATUS_PRINTING | PRINTER_STATUS_BUSY) != 0 {
        PrinterStatus::Printing
    } else if s == 0 {
        PrinterStatus::Ready
    } else {
        PrinterStatus::Unknown
    }
}

pub fn list() -> Result<Vec<PrinterInfo>, PrintError> {
    Ok(spooler()?.into_iter().map(|(info, _port)| info).collect())
}

/// The spooler's printers, each with its port.
fn spooler() -> Result<Vec<(PrinterInfo, String)>, PrintError> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // SAFETY: a null buffer of size 0 asks how many bytes are needed.
    let ok = unsafe { EnumPrintersW(flags, null(), 2, null_mut(), 0, &raw mut needed, &raw mut count) };
    if ok == 0 && needed == 0 {
        // SAFETY: reads the calling thread's last error.
        let code = unsafe { GetLastError() };
        return Err(if code == RPC_S_SERVER_UNAVAILABLE { PrintError::NoService } else { PrintError::NoPrinters });
    }
    if needed == 0 {
        return Err(PrintError::NoPrinters);
    }
    // u64s: PRINTER_INFO_2W holds pointers and must be aligned for them.
    let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
    // SAFETY: the buffer holds `needed` bytes, as the first call asked.
    let ok =
        unsafe { EnumPrintersW(flags, null(), 2, buf.as_mut_ptr().cast(), needed, &raw mut needed, &raw mut count) };
    if ok == 0 {
        return Err(PrintError::NoService);
    }
    // SAFETY: on success the buffer starts with `count` PRINTER_INFO_2W, their strings after them.
    let infos = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<PRINTER_INFO_2W>(), count as usize) };
    let default = default_name();
    let printers = infos
        .iter()
        .map(|info| {
            // SAFETY: the spooler's strings are NUL-terminated or null.
            let (name, location, port) =
                unsafe { (from_wide(info.pPrinterName), from_wide(info.pLocation), from_wide(info.pPortName)) };
            let duplex = capability(&wide(&name), &wide(&port), DC_DUPLEX) == 1;
            let info = PrinterInfo {
                description: name.clone(),
                is_default: default.as_deref() == Some(name.as_str()),
                location,
                state: status(info),
                duplex,
                name,
            };
            (info, port)
        })
        .collect::<Vec<_>>();
    if printers.is_empty() { Err(PrintError::NoPrinters) } else { Ok(printers) }
}

/// The printer's own settings with the job's copies and sides in them.
/// Returns the DEVMODE (in an aligned buffer) and how many times the pages
/// must be sent because the driver cannot make the copies itself.
fn job_settings(name: &[u16], port: &[u16], job: &PrintJob<'_>) -> Result<(Vec<u64>, u32), PrintError> {
    let refused = |detail: &str| PrintError::Refused { name: job.printer.to_string(), detail: detail.to_string() };
    let mut handle = PRINTER_HANDLE { Value: null_mut() };
    // SAFETY: `name` is NUL-terminated; the handle is closed below.
    if unsafe { OpenPrinterW(name.as_ptr(), &raw mut handle, null()) } == 0 {
        return Err(refused("skrivaren kunne ikkje opnast"));
    }
    // SAFETY: with no buffers, DocumentPropertiesW says how large the DEVMODE is.
    let size = unsafe { DocumentPropertiesW(null_mut(), handle, name.as_ptr(), null_mut(), null(), 0) };
    let result = if size <= 0 {
        Err(refused("skrivardrivaren gav ingen innstillingar"))
    } else {
        let mut buf = vec![0u64; (size as usize).div_ceil(8)];
        let dm = buf.as_mut_ptr().cast::<DEVMODEW>();
        // SAFETY: the buffer holds `size` bytes; the driver fills it with its current settings.
        unsafe {
            if DocumentPropertiesW(null_mut(), handle, name.as_ptr(), dm, null(), DM_OUT_BUFFER) < 0 {
                ClosePrinter(handle);
                return Err(refused("skrivardrivaren gav ingen innstillingar"));
            }
        }
        let driver_copies = capability(name, port, DC_COPIES).max(1) as u32;
        let (copies, repeats) = if driver_copies >= job.copies { (job.copies, 1) } else { (1, job.copies) };
        // SAFETY: `dm` points to the DEVMODE just filled; the union's first member holds dmCopies.
        unsafe {
            (*dm).dmFields |= DM_COPIES | DM_COLLATE | DM_DUPLEX;
            (*dm).Anonymous1.Anonymous1.dmCopies = copies as i16;
            (*dm).dmCollate = DMCOLLATE_TRUE;
            (*dm).dmDuplex = if job.duplex { DMDUP_VERTICAL } else { DMDUP_SIMPLEX };
            // The driver merges the changes into a DEVMODE it accepts.
            DocumentPropertiesW(null_mut(), handle, name.as_ptr(), dm, dm, DM_IN_BUFFER | DM_OUT_BUFFER);
        }
        Ok((buf, repeats))
    };
    // SAFETY: the handle was opened above.
    unsafe { ClosePrinter(handle) };
    result
}

/// Saksbok's faces, loaded into this process's font table for the job.
struct Fonts(Vec<HANDLE>);

impl Fonts {
    fn load() -> Self {
        let handles = FontKind::ALL
            .iter()
            .filter_map(|kind| {
                let bytes = kind.bytes();
                let mut count = 0u32;
                // SAFETY: GDI copies the font bytes; `count` receives how many faces were added.
                let h = unsafe {
                    AddFontMemResourceEx(
                        bytes.as_ptr().cast(),
                        bytes.len() as u32,
                        null(),
                        (&raw mut count).cast_const(),
                    )
                };
                (!h.is_null()).then_some(h)
            })
            .collect();
        Self(handles)
    }
}

impl Drop for Fonts {
    fn drop(&mut self) {
        for h in &self.0 {
            // SAFETY: each handle came from AddFontMemResourceEx.
            unsafe { RemoveFontMemResourceEx(*h) };
        }
    }
}

/// A printer device context, deleted when dropped.
struct Dc(HDC);

impl Drop for Dc {
    fn drop(&mut self) {
        // SAFETY: the DC came from CreateDCW.
        unsafe { DeleteDC(self.0) };
    }
}

pub fn send(path: &Path, job: &PrintJob<'_>) -> Result<u64, PrintError> {
    let bytes = std::fs::read(path).map_err(|_| PrintError::NoFile(path.display().to_string()))?;
    let sheets = pages::sheets(bytes).map_err(|_| PrintError::Unreadable(path.display().to_string()))?;
    let port = spooler()?.into_iter().find(|(p, _)| p.name == job.printer).map(|(_, port)| port).unwrap_or_default();
    let name = wide(job.printer);
    let port = wide(&port);
    let (devmode, repeats) = job_settings(&name, &port, job)?;
    let refused = |detail: &str| PrintError::Refused { name: job.printer.to_string(), detail: detail.to_string() };

    // SAFETY: the DEVMODE buffer outlives the call; CreateDCW copies it.
    let hdc = unsafe { CreateDCW(wide("WINSPOOL").as_ptr(), name.as_ptr(), null(), devmode.as_ptr().cast()) };
    if hdc.is_null() {
        return Err(refused("fekk ikkje teikna for skrivaren"));
    }
    let dc = Dc(hdc);
    let _fonts = Fonts::load();
    // The job is the drawn pages, not the PDF: a name ending in ".pdf" would
    // make a print server that types jobs by their name (CUPS behind a Samba
    // share) take them for a PDF file.
    let title = wide(job.title.strip_suffix(".pdf").unwrap_or(job.title));
    let output = job.output.map(|p| wide(&p.display().to_string()));
    let info = DOCINFOW {
        cbSize: size_of::<DOCINFOW>() as i32,
        lpszDocName: title.as_ptr(),
        lpszOutput: output.as_ref().map_or(null(), std::vec::Vec::as_ptr),
        lpszDatatype: null(),
        fwType: 0,
    };
    // SAFETY: `info`'s strings live until EndDoc.
    let id = unsafe { StartDocW(dc.0, &raw const info) };
    if id <= 0 {
        return Err(refused("utskriftsjobben kunne ikkje startast"));
    }
    let mut painter = Painter::new(dc.0);
    for _ in 0..repeats {
        for sheet in &sheets {
            // SAFETY: a document is started on this DC.
            let ok = unsafe { StartPage(dc.0) } > 0 && painter.sheet(sheet) && unsafe { EndPage(dc.0) } > 0;
            if !ok {
                // SAFETY: cancels the started document: nothing half-printed stays in the queue.
                unsafe { AbortDoc(dc.0) };
                return Err(refused("ei side kunne ikkje sendast"));
            }
        }
    }
    // SAFETY: ends the document started above.
    if unsafe { EndDoc(dc.0) } <= 0 {
        return Err(refused("utskriftsjobben kunne ikkje avsluttast"));
    }
    Ok(id as u64)
}

fn colorref([r, g, b]: [u8; 3]) -> COLORREF {
    u32::from(r) | (u32::from(g) << 8) | (u32::from(b) << 16)
}

/// Draws sheets on a printer's device context.
struct Painter {
    dc: HDC,
    dpi: (f64, f64),
    offset: (f64, f64),
    fonts: HashMap<(Face, i32), HFONT>,
}

impl Drop for Painter {
    fn drop(&mut self) {
        for f in self.fonts.values() {
            // SAFETY: each font came from CreateFontW and is no longer selected (pages end with RestoreDC).
            unsafe { DeleteObject(*f as HGDIOBJ) };
        }
    }
}

impl Painter {
    fn new(dc: HDC) -> Self {
        // SAFETY: `dc` is a valid printer DC.
        let (dpi, offset) = unsafe {
            (
                (f64::from(GetDeviceCaps(dc, LOGPIXELSX as i32)), f64::from(GetDeviceCaps(dc, LOGPIXELSY as i32))),
                (
                    f64::from(GetDeviceCaps(dc, PHYSICALOFFSETX as i32)),
                    f64::from(GetDeviceCaps(dc, PHYSICALOFFSETY as i32)),
                ),
            )
        };
        Self { dc, dpi, offset, fonts: HashMap::new() }
    }

    fn at(&self, p: Point) -> POINT {
        let (x, y) = pages::to_device(p, self.dpi, self.offset);
        POINT { x, y }
    }

    /// Draws one sheet; false when GDI refused.
    fn sheet(&mut self, sheet: &Sheet) -> bool {
        // SAFETY: plain state calls on a valid DC; the saved state is restored at the end.
        unsafe {
            let saved = SaveDC(self.dc);
            SetBkMode(self.dc, TRANSPARENT as i32);
            SetTextAlign(self.dc, TA_BASELINE | TA_LEFT);
            SetStretchBltMode(self.dc, HALFTONE);
            for mark in &sheet.marks {
                match mark {
                    Mark::Text(run) => self.text(run),
                    Mark::Shape { path, fill, stroke, color } => self.shape(path, *fill, *stroke, *color),
                    Mark::Clip { path, even_odd } => {
                        SaveDC(self.dc);
                        self.path(path);
                        SetPolyFillMode(self.dc, if *even_odd { ALTERNATE } else { WINDING });
                        SelectClipPath(self.dc, RGN_AND);
                    }
                    Mark::Unclip => {
                        RestoreDC(self.dc, -1);
                    }
                    Mark::Picture(p) => self.picture(p),
                }
            }
            RestoreDC(self.dc, saved) != 0
        }
    }

    fn font(&mut self, face: Face, height: i32) -> HFONT {
        *self.fonts.entry((face, height)).or_insert_with(|| {
            let family = wide("Liberation Sans");
            let (weight, italic) = match face {
                Face::Regular => (FW_NORMAL, 0),
                Face::Bold => (FW_BOLD, 0),
                Face::Italic => (FW_NORMAL, 1),
            };
            // SAFETY: creates a logical font; deleted when the painter is dropped.
            unsafe {
                CreateFontW(
                    -height,
                    0,
                    0,
                    0,
                    weight as i32,
                    italic,
                    0,
                    0,
                    u32::from(DEFAULT_CHARSET),
                    u32::from(OUT_TT_ONLY_PRECIS),
                    u32::from(CLIP_DEFAULT_PRECIS),
                    u32::from(DEFAULT_QUALITY),
                    u32::from(DEFAULT_PITCH),
                    family.as_ptr(),
                )
            }
        })
    }

    /// Each glyph where the PDF puts it: the spacing array gives every
    /// character's advance in device units, so the driver's own metrics do
    /// not move a letter.
    fn text(&mut self, run: &TextRun) {
        let height = (run.size * self.dpi.1 / 72.0).round() as i32;
        let font = self.font(run.face, height);
        let xs: Vec<i32> = run.glyphs.iter().map(|(x, _)| self.at(Point::new(*x, run.baseline)).x).collect();
        let mut units = Vec::new();
        let mut dx = Vec::new();
        for (i, (_, s)) in run.glyphs.iter().enumerate() {
            let advance = xs.get(i + 1).map_or(0, |next| next - xs[i]);
            for (k, u) in s.encode_utf16().enumerate() {
                units.push(u);
                dx.push(if k == 0 { advance } else { 0 });
            }
        }
        let origin = self.at(Point::new(run.glyphs[0].0, run.baseline));
        // SAFETY: `units` and `dx` have the same length; the font is selected only for the call.
        unsafe {
            let old = SelectObject(self.dc, font as HGDIOBJ);
            SetTextColor(self.dc, colorref(run.color));
            ExtTextOutW(
                self.dc,
                origin.x,
                origin.y,
                0,
                null::<RECT>(),
                units.as_ptr(),
                units.len() as u32,
                dx.as_ptr(),
            );
            SelectObject(self.dc, old);
        }
    }

    /// Puts the path into the DC's path bracket.
    fn path(&self, path: &hayro_interpret::kurbo::BezPath) {
        // SAFETY: path calls on a valid DC between BeginPath and EndPath.
        unsafe {
            BeginPath(self.dc);
            let mut last = Point::ZERO;
            for el in path.elements() {
                match *el {
                    PathEl::MoveTo(p) => {
                        let d = self.at(p);
                        MoveToEx(self.dc, d.x, d.y, null_mut());
                        last = p;
                    }
                    PathEl::LineTo(p) => {
                        let d = self.at(p);
                        LineTo(self.dc, d.x, d.y);
                        last = p;
                    }
                    PathEl::QuadTo(c, p) => {
                        // A quadratic as the cubic that draws the same curve.
                        let c1 = last + (c - last) * (2.0 / 3.0);
                        let c2 = p + (c - p) * (2.0 / 3.0);
                        let pts = [self.at(c1), self.at(c2), self.at(p)];
                        PolyBezierTo(self.dc, pts.as_ptr(), 3);
                        last = p;
                    }
                    PathEl::CurveTo(c1, c2, p) => {
                        let pts = [self.at(c1), self.at(c2), self.at(p)];
                        PolyBezierTo(self.dc, pts.as_ptr(), 3);
                        last = p;
                    }
                    PathEl::ClosePath => {
                        CloseFigure(self.dc);
                    }
                }
            }
            EndPath(self.dc);
        }
    }

    fn shape(&self, path: &hayro_interpret::kurbo::BezPath, fill: Option<bool>, stroke: Option<f64>, color: [u8; 3]) {
        self.path(path);
        // SAFETY: pen and brush are selected for this call and deleted after it.
        unsafe {
            let brush = CreateSolidBrush(colorref(color));
            let width = stroke.map_or(1, |w| ((w * self.dpi.0 / 72.0).round() as u32).max(1));
            let lb = LOGBRUSH { lbStyle: BS_SOLID, lbColor: colorref(color), lbHatch: 0 };
            let pen = ExtCreatePen(
                (PS_GEOMETRIC | PS_SOLID | PS_ENDCAP_FLAT | PS_JOIN_MITER) as u32,
                width,
                &raw const lb,
                0,
                null(),
            );
            let old_brush = SelectObject(self.dc, brush as HGDIOBJ);
            let old_pen = SelectObject(self.dc, pen as HGDIOBJ);
            if let Some(even_odd) = fill {
                SetPolyFillMode(self.dc, if even_odd { ALTERNATE } else { WINDING });
            }
            match (fill.is_some(), stroke.is_some()) {
                (true, true) => StrokeAndFillPath(self.dc),
                (true, false) => FillPath(self.dc),
                _ => StrokePath(self.dc),
            };
            SelectObject(self.dc, old_brush);
            SelectObject(self.dc, old_pen);
            DeleteObject(brush as HGDIOBJ);
            DeleteObject(pen as HGDIOBJ);
        }
    }

    fn picture(&self, p: &pages::Picture) {
        let (w, h) = (p.width as usize, p.height as usize);
        if w == 0 || h == 0 || p.rgb.len() < w * h * 3 {
            return;
        }
        // DIB rows: blue-green-red, padded to four bytes; top-down (negative height).
        let stride = (w * 3).div_ceil(4) * 4;
        let mut bits = vec![0u8; stride * h];
        for y in 0..h {
            for x in 0..w {
                let s = (y * w + x) * 3;
                let d = y * stride + x * 3;
                bits[d] = p.rgb[s + 2];
                bits[d + 1] = p.rgb[s + 1];
                bits[d + 2] = p.rgb[s];
            }
        }
        let mut info: BITMAPINFO = unsafe { std::mem::zeroed() };
        info.bmiHeader = BITMAPINFOHEADER {
            biSize: size_of::<BITMAPINFOHEADER>() as u32,
            biWidth: w as i32,
            biHeight: -(h as i32),
            biPlanes: 1,
            biBitCount: 24,
            biCompression: BI_RGB,
            ..unsafe { std::mem::zeroed() }
        };
        let a = self.at(Point::new(p.rect.x0, p.rect.y0));
        let b = self.at(Point::new(p.rect.x1, p.rect.y1));
        // SAFETY: `bits` holds h rows of `stride` bytes as `info` describes.
        unsafe {
            StretchDIBits(
                self.dc,
                a.x,
                a.y,
                b.x - a.x,
                b.y - a.y,
                0,
                0,
                w as i32,
                h as i32,
                bits.as_ptr().cast(),
                &raw const info,
                DIB_RGB_COLORS,
                SRCCOPY,
            );
        }
    }
}
