//! The municipality's logo at the head of its protocols: a PNG or JPEG file
//! read into RGB pixels (crates `png` and `zune-jpeg`), any transparency
//! laid on white paper, so that the picture is one every printer and PDF/A
//! take as it is. A chosen file is kept as [`prepare`] makes it: no larger
//! than it can print sharp, so it does not weigh down every PDF.

use std::fmt;
use std::sync::Arc;

use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;

/// The largest logo file taken (a logo is a small picture).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The longest side in pixels taken.
pub const MAX_SIDE: usize = 4000;
/// The shortest side in pixels taken: smaller prints as a blur.
pub const MIN_SIDE: usize = 16;
/// The height a kept logo is brought down to, at most: about 600 dpi at
/// the 15 mm it prints.
pub const KEPT_HEIGHT: usize = 360;
/// The width a kept logo is brought down to, at most (a wide letterhead).
pub const KEPT_WIDTH: usize = 2400;

/// A logo read into pixels.
#[derive(Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    /// Row by row, three bytes (R, G, B) a pixel.
    pub rgb: Arc<[u8]>,
    /// SHA-256 of the file it was read from: names it in the PDF and in a layout's dump.
    pub sha256: String,
}

impl fmt::Debug for Picture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Picture({}×{}, {})", self.width, self.height, &self.sha256[..12])
    }
}

/// Why a file cannot be the logo. The message says what to do, in Nynorsk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("Fila er ikkje eit PNG- eller JPEG-bilete. Lagre logoen som PNG eller JPEG og vel han på nytt.")]
    NotAPicture,
    #[error("Biletet kan ikkje lesast ({0}). Opne det i eit biletprogram, lagre det på nytt og prøv igjen.")]
    Unreadable(String),
    #[error("Fila er på {size} kB; ein logo kan vera på høgst {max} kB. Lagre han mindre og prøv igjen.", size = .0 / 1024, max = MAX_BYTES / 1024)]
    TooBig(usize),
    #[error("Biletet er {0}×{1} pikslar; ein logo kan vera frå {MIN_SIDE} til {MAX_SIDE} pikslar på kvar led.")]
    BadSize(usize, usize),
}

/// Reads a PNG or JPEG file into pixels.
pub fn decode(bytes: &[u8]) -> Result<Picture, LogoError> {
    if bytes.len() > MAX_BYTES {
        return Err(LogoError::TooBig(bytes.len()));
    }
    let (width, height, rgb) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_pixels(bytes)?
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg_pixels(bytes)?
    } else {
        return Err(LogoError::NotAPicture);
    };
    Ok(Picture { width, height, rgb: rgb.into(), sha256: saksbok_core::hash::sha256_hex(bytes) })
}

/// The logo file as it is kept: read and checked like [`decode`], made
/// smaller (by averaging whole blocks of pixels) when it is larger than it
/// can print sharp, and written as a PNG of RGB pixels.
pub fn prepare(bytes: &[u8]) -> Result<Vec<u8>, LogoError> {
    let p = decode(bytes)?;
    let k = p.height.div_ceil(KEPT_HEIGHT).max(p.width.div_ceil(KEPT_WIDTH)).max(1);
    let (width, height, rgb) = if k == 1 { (p.width, p.height, p.rgb.to_vec()) } else { shrink(&p, k) };
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width as u32, height as u32);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| LogoError::Unreadable(e.to_string()))?;
    writer.write_image_data(&rgb).map_err(|e| LogoError::Unreadable(e.to_string()))?;
    writer.finish().map_err(|e| LogoError::Unreadable(e.to_string()))?;
    Ok(out)
}

/// Each `k`×`k` block of pixels (fewer at the right and bottom edges) as one, its average.
fn shrink(p: &Picture, k: usize) -> (usize, usize, Vec<u8>) {
    let (w, h) = (p.width.div_ceil(k), p.height.div_ceil(k));
    let mut out = Vec::with_capacity(w * h * 3);
    for by in 0..h {
        for bx in 0..w {
            let (ys, xs) = (by * k..((by + 1) * k).min(p.height), bx * k..((bx + 1) * k).min(p.width));
            let n = (ys.len() * xs.len()) as u32;
            let mut sum = [0u32; 3];
            for y in ys {
                for x in xs.clone() {
                    let at = (y * p.width + x) * 3;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += u32::from(p.rgb[at + c]);
                    }
                }
            }
            out.extend(sum.map(|s| ((s + n / 2) / n) as u8));
        }
    }
    (w, h, out)
}

fn check_size(width: usize, height: usize) -> Result<(), LogoError> {
    let ok = |n: usize| (MIN_SIDE..=MAX_SIDE).contains(&n);
    if ok(width) && ok(height) { Ok(()) } else { Err(LogoError::BadSize(width, height)) }
}

/// A colour value seen through `alpha` on white paper.
fn on_white(value: u8, alpha: u8) -> u8 {
    let (v, a) = (u32::from(value), u32::from(alpha));
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

fn png_pixels(bytes: &[u8]) -> Result<(usize, usize, Vec<u8>), LogoError> {
    let unreadable = |e: png::DecodingError| LogoError::Unreadable(e.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes and small grey depths to 8 bits a channel, 16 bits down to 8.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(unreadable)?;
    check_size(header.width as usize, header.height as usize)?;
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or(LogoError::BadSize(0, 0))?];
    let frame = reader.next_frame(&mut buf).map_err(unreadable)?;
    let (width, height) = (frame.width as usize, frame.height as usize);
    let data = &buf[..frame.buffer_size()];
    let rgb: Vec<u8> = match frame.color_type {
        png::ColorType::Rgb => data.to_vec(),
        png::ColorType::Rgba => data.chunks_exact(4).flat_map(|p| [0, 1, 2].map(|i| on_white(p[i], p[3]))).collect(),
        png::ColorType::Grayscale => data.iter().flat_map(|g| [*g; 3]).collect(),
        png::ColorType::GrayscaleAlpha => data.chunks_exact(2).flat_map(|p| [on_white(p[0], p[1]); 3]).collect(),
        png::ColorType::Indexed => return Err(LogoError::Unreadable("fargepalett".into())),
    };
    Ok((width, height, rgb))
}

fn jpeg_pixels(bytes: &[u8]) -> Result<(usize, usize, Vec<u8>), LogoError> {
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|e| LogoError::Unreadable(format!("{e:?}")))?;
    let (width, height) = decoder.dimensions().ok_or_else(|| LogoError::Unreadable("inga storleik".into()))?;
    check_size(width, height)?;
    let rgb = decoder.decode().map_err(|e| LogoError::Unreadable(format!("{e:?}")))?;
    if rgb.len() != width * height * 3 {
        return Err(LogoError::Unreadable("uventa fargerom".into()));
    }
    Ok((width, height, rgb))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `w`×`h` pixels of `color` type, made with the png crate.
    pub(crate) fn png_file(w: u32, h: u32, color: png::ColorType, pixel: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().unwrap();
        let data: Vec<u8> = (0..w * h).flat_map(|_| pixel.iter().copied()).collect();
        writer.write_image_data(&data).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn a_png_is_read_with_its_transparency_laid_on_white() {
        let p = decode(&png_file(20, 30, png::ColorType::Rgba, &[0, 0, 255, 128])).unwrap();
        assert_eq!((p.width, p.height, p.rgb.len()), (20, 30, 20 * 30 * 3));
        assert_eq!(&p.rgb[..3], &[127, 127, 255], "half blue on white");
        let grey = decode(&png_file(16, 16, png::ColorType::Grayscale, &[40])).unwrap();
        assert_eq!(&grey.rgb[..3], &[40, 40, 40]);
    }

    #[test]
    fn a_jpeg_is_read_and_names_its_file() {
        let file = include_bytes!("../samples/logo.jpg");
        let p = decode(file).unwrap();
        assert_eq!((p.width, p.height, p.rgb.len()), (200, 240, 200 * 240 * 3));
        assert!(p.rgb[..3].iter().all(|c| *c >= 250), "the corner is white paper (JPEG is near): {:?}", &p.rgb[..3]);
        // The shield's blue in the middle of its upper part.
        let at = (40 * 200 + 100) * 3;
        assert!(p.rgb[at + 2] > 120 && p.rgb[at] < 60, "{:?}", &p.rgb[at..at + 3]);
        assert_eq!(p.sha256, saksbok_core::hash::sha256_hex(file));
    }

    #[test]
    fn a_large_logo_is_kept_as_small_as_prints_sharp() {
        let big = png_file(1000, 1200, png::ColorType::Rgba, &[0, 0, 255, 128]);
        let kept = prepare(&big).unwrap();
        let p = decode(&kept).unwrap();
        // 1200 high in blocks of 4: 300 × 250, the colour as before.
        assert_eq!((p.width, p.height), (250, 300));
        assert_eq!(&p.rgb[..3], &[127, 127, 255]);
        assert!(kept.len() < big.len());
        // A small one keeps its size; both are the same bytes each time.
        let small = prepare(include_bytes!("../samples/logo.png")).unwrap();
        assert_eq!((decode(&small).unwrap().width, decode(&small).unwrap().height), (200, 240));
        assert_eq!(prepare(&big).unwrap(), kept);
        assert_eq!(prepare(b"no picture").unwrap_err(), LogoError::NotAPicture);
    }

    #[test]
    fn what_is_no_logo_is_refused_with_a_reason() {
        assert_eq!(decode(b"GIF89a....").unwrap_err(), LogoError::NotAPicture);
        assert_eq!(decode(&png_file(8, 40, png::ColorType::Rgb, &[1, 2, 3])).unwrap_err(), LogoError::BadSize(8, 40));
        let mut cut = png_file(20, 20, png::ColorType::Rgb, &[1, 2, 3]);
        cut.truncate(cut.len() / 2);
        assert!(matches!(decode(&cut), Err(LogoError::Unreadable(_))));
        assert_eq!(decode(&vec![0; MAX_BYTES + 1]).unwrap_err(), LogoError::TooBig(MAX_BYTES + 1));
        assert_eq!(
            LogoError::BadSize(8, 40).to_string(),
            "Biletet er 8×40 pikslar; ein logo kan vera frå 16 til 4000 pikslar på kvar led."
        );
    }
}
