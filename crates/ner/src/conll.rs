//! Reading CoNLL-format files: one token per line, the word first and the BIO tag last,
//! sentences separated by blank lines (the 4-column and the 2-column copies both work).
//! Older IOB1 tags (I- at an entity's start) are converted to BIO.

use crate::Tag;

pub struct TaggedSentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
}

pub fn read(text: &str) -> Vec<TaggedSentence> {
    let mut out = Vec::new();
    let mut cur = TaggedSentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !cur.words.is_empty() {
                to_bio(&mut cur.tags);
                out.push(std::mem::replace(
                    &mut cur,
                    TaggedSentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let tag = Tag::parse(cols[cols.len() - 1]).unwrap_or(Tag::O);
        cur.words.push(cols[0].to_string());
        cur.tags.push(tag);
    }
    out
}

fn to_bio(tags: &mut [Tag]) {
    for i in 0..tags.len() {
        let t = tags[i];
        if t.kind().is_some() && !t.is_begin() {
            let prev_same = i > 0 && tags[i - 1].kind() == t.kind();
            if !prev_same {
                tags[i] = Tag::parse(&format!("B-{}", t.kind().unwrap())).unwrap();
            }
        }
    }
}
