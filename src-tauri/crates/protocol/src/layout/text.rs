//! Text into lines: words wrap at spaces, a `\n` breaks the line, a word
//! wider than the line is split between characters, right-to-left runs are
//! put in display order, and characters the font lacks become a visible mark
//! (noted, never dropped).

use std::collections::BTreeSet;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

use super::Run;
use crate::fonts::{FontKind, Fonts};

/// A piece of a word in one font.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    font: FontKind,
}

#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
}

#[derive(Debug)]
enum Token {
    Word(Word),
    Break,
}

/// Measures and wraps text; collects the characters no face could draw.
pub(super) struct Shaper<'a> {
    pub fonts: &'a Fonts,
    pub missing: BTreeSet<char>,
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a Fonts) -> Self {
        Self { fonts, missing: BTreeSet::new() }
    }

    pub fn width(&self, text: &str, font: FontKind, size: f32) -> f32 {
        self.fonts.face(font).width(text, size)
    }

    /// Notes the characters of `text` the face lacks.
    fn note_missing(&mut self, text: &str, font: FontKind) {
        let face = self.fonts.face(font);
        for c in text.chars() {
            if !face.has_glyph(c) && !c.is_whitespace() {
                self.missing.insert(c);
            }
        }
    }

    /// `text` as the face can draw it, missing characters replaced.
    fn printable(&self, text: &str, font: FontKind) -> String {
        let face = self.fonts.face(font);
        text.chars().map(|c| face.printable(c)).collect()
    }

    /// One run of text at `x`, unwrapped: for labels whose width the caller
    /// has already made room for.
    pub fn run(&mut self, x: f32, text: &str, font: FontKind, size: f32) -> Run {
        self.note_missing(text, font);
        Run { x, text: self.printable(text, font), font, size, muted: false }
    }

    fn tokens(&mut self, spans: &[(&str, FontKind)], size: f32) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut current: Vec<Piece> = Vec::new();
        let fonts = self.fonts;
        let flush = |current: &mut Vec<Piece>, tokens: &mut Vec<Token>| {
            if !current.is_empty() {
                let width = current.iter().map(|p| fonts.face(p.font).width(&p.text, size)).sum();
                tokens.push(Token::Word(Word { pieces: std::mem::take(current), width }));
            }
        };
        for &(text, font) in spans {
            self.note_missing(text, font);
            let mut piece = String::new();
            for c in text.chars() {
                if c.is_whitespace() {
                    if !piece.is_empty() {
                        current.push(Piece { text: std::mem::take(&mut piece), font });
                    }
                    flush(&mut current, &mut tokens);
                    if c == '\n' {
                        tokens.push(Token::Break);
                    }
                } else {
                    piece.push(c);
                }
            }
            if !piece.is_empty() {
                current.push(Piece { text: piece, font });
            }
        }
        flush(&mut current, &mut tokens);
        tokens
    }

    /// Splits a word wider than `max` into pieces that fit.
    fn split_word(&self, word: Word, max: f32, size: f32) -> Vec<Word> {
        let mut out = Vec::new();
        let mut cur: Vec<Piece> = Vec::new();
        let mut width = 0.0;
        for piece in word.pieces {
            let face = self.fonts.face(piece.font);
            let mut text = String::new();
            for c in piece.text.chars() {
                let w = face.advance(c, size);
                if width + w > max && width > 0.0 {
                    if !text.is_empty() {
                        cur.push(Piece { text: std::mem::take(&mut text), font: piece.font });
                    }
                    out.push(Word { pieces: std::mem::take(&mut cur), width });
                    width = 0.0;
                }
                text.push(c);
                width += w;
            }
            if !text.is_empty() {
                cur.push(Piece { text, font: piece.font });
            }
        }
        if !cur.is_empty() {
            out.push(Word { pieces: cur, width });
        }
        out
    }

    /// Wraps styled text into lines of at most `max` points starting at `x`.
    /// Every line that a `\n` ends is kept, even an empty one.
    pub fn wrap(&mut self, x: f32, max: f32, spans: &[(&str, FontKind)], size: f32) -> Vec<Vec<Run>> {
        let tokens = self.tokens(spans, size);
        let mut lines: Vec<Vec<Run>> = Vec::new();
        let mut line: Vec<Run> = Vec::new();
        let mut used = 0.0_f32;
        for token in tokens {
            let word = match token {
                Token::Break => {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                    continue;
                }
                Token::Word(word) => word,
            };
            let parts = if word.width > max { self.split_word(word, max, size) } else { vec![word] };
            for word in parts {
                // The space is drawn at the end of the previous run, in its font.
                let space = line.last().map_or(0.0, |r| self.fonts.face(r.font).advance(' ', size));
                if !line.is_empty() && used + space + word.width > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                let mut pos = x + used + if line.is_empty() { 0.0 } else { space };
                let mut first = true;
                for piece in word.pieces {
                    let w = self.fonts.face(piece.font).width(&piece.text, size);
                    match line.last_mut() {
                        // Continue the run when the font is the same: fewer, longer runs.
                        Some(last) if last.font == piece.font => {
                            if first {
                                last.text.push(' ');
                            }
                            last.text.push_str(&piece.text);
                        }
                        Some(last) if first => {
                            // A style change at a word boundary: the space ends the previous run.
                            last.text.push(' ');
                            line.push(Run { x: pos, text: piece.text, font: piece.font, size, muted: false });
                        }
                        _ => line.push(Run { x: pos, text: piece.text, font: piece.font, size, muted: false }),
                    }
                    pos += w;
                    first = false;
                }
                used = pos - x;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines.into_iter().map(|l| self.finish(l)).collect()
    }

    /// A wrapped line in display order, with what the face lacks replaced.
    fn finish(&self, line: Vec<Run>) -> Vec<Run> {
        let line = if line.iter().any(|r| r.text.chars().any(is_rtl)) { self.reorder(line) } else { line };
        line.into_iter().map(|r| Run { text: self.printable(&r.text, r.font), ..r }).collect()
    }

    /// Puts the right-to-left runs of a line in display order (the Unicode
    /// bidirectional algorithm, paragraph direction left-to-right) and
    /// places the runs again from the line's start.
    fn reorder(&self, line: Vec<Run>) -> Vec<Run> {
        let Some(first) = line.first() else { return line };
        let (x0, size) = (first.x, first.size);
        let mut text = String::new();
        let mut font_at: Vec<FontKind> = Vec::new();
        for r in &line {
            text.push_str(&r.text);
            font_at.extend(std::iter::repeat_n(r.font, r.text.len()));
        }
        let info = BidiInfo::new(&text, Some(Level::ltr()));
        let mut visual: Vec<(char, FontKind)> = Vec::with_capacity(text.len());
        for para in &info.paragraphs {
            let (levels, runs) = info.visual_runs(para, para.range.clone());
            for range in runs {
                let chars = text[range.clone()].char_indices().map(|(i, c)| (c, font_at[range.start + i]));
                if levels[range.start].is_rtl() {
                    visual.extend(chars.rev().map(|(c, f)| (mirror(c), f)));
                } else {
                    visual.extend(chars);
                }
            }
        }
        let mut out: Vec<Run> = Vec::new();
        let mut x = x0;
        for (c, font) in visual {
            match out.last_mut() {
                Some(last) if last.font == font => last.text.push(c),
                _ => out.push(Run { x, text: c.to_string(), font, size, muted: false }),
            }
            x += self.fonts.face(font).advance(c, size);
        }
        out
    }
}

fn is_rtl(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI)
}

/// The mirrored form of a paired punctuation mark inside right-to-left text.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}
