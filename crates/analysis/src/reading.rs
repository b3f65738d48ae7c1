//! An article read sentence by sentence, each sentence with the time expressions in it,
//! resolved against the article's publication date (or, for an undated article, against the
//! dates it mentions), and the figures in it: the common input of events, facts, figures and
//! positions.

use crate::entities::is_heading;
use crate::names::{NameFinder, NameMatch};
use crate::sentences::sentences;
use crate::terms::{content_stems, Stems};
use chrono::NaiveDate;
use dossier_figures::{quantities, Quantity};
use dossier_model::Article;
use dossier_time::{find_times, TimeExpression};
use std::cell::OnceCell;

/// One sentence of an article's body.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Where `text` begins in the article's text (bytes).
    pub start: usize,
    /// Index of its paragraph in [`Article::paragraphs`].
    pub paragraph: usize,
    /// The whole paragraph (`text` is a slice of it).
    pub paragraph_text: &'a str,
    /// Time expressions in it, with byte spans relative to `text`.
    pub times: Vec<TimeExpression>,
    /// The figures in it, with byte spans relative to `text` (read once for facts and figures).
    pub quantities: Vec<Quantity>,
    /// Its content stems, made when first asked for ([`Sentence::stems`]).
    stems: OnceCell<Stems>,
    /// The story's names in it, found when first asked for ([`Sentence::names`]), with the
    /// address of the finder that found them.
    names: OnceCell<(usize, Vec<NameMatch>)>,
}

impl Sentence<'_> {
    /// The stems of its content words ([`content_stems`], nothing skipped), made once for the
    /// brief and the facts.
    pub(crate) fn stems(&self) -> &Stems {
        self.stems
            .get_or_init(|| content_stems(self.text, |_| false))
    }

    /// The story's entities named in it ([`NameFinder::find`]), found once for the positions,
    /// the facts and the events. A story's sentences are read for that story, so every call
    /// passes the story's one finder.
    pub(crate) fn names(&self, finder: &NameFinder) -> &[NameMatch] {
        let address = finder as *const NameFinder as usize;
        let (by, found) = self.names.get_or_init(|| (address, finder.find(self.text)));
        debug_assert_eq!(*by, address, "one sentence asked with two finders");
        found
    }
}

/// The body sentences of `a` (headings and sub-headings left out), in order.
pub fn read(a: &Article) -> Vec<Sentence<'_>> {
    let published: Option<NaiveDate> = a.published;
    // Resolve over the whole body at once: an undated article's later expressions lean on the
    // dates its earlier sentences give.
    let mut times = find_times(&a.text, published).into_iter().peekable();
    let base = a.text.as_ptr() as usize;
    let mut out = Vec::new();
    for (index, para) in a.paragraphs().enumerate() {
        let para_start = para.as_ptr() as usize - base;
        let heading = is_heading(para);
        for r in sentences(para) {
            let (s, e) = (para_start + r.start, para_start + r.end);
            let mut inside = Vec::new();
            while let Some(t) = times.peek() {
                if t.start >= e {
                    break;
                }
                let mut t = times.next().expect("peeked");
                if t.start >= s && t.end <= e {
                    t.start -= s;
                    t.end -= s;
                    inside.push(t);
                }
            }
            if heading {
                continue;
            }
            out.push(Sentence {
                quantities: quantities(&para[r.clone()]),
                text: &para[r],
                start: s,
                paragraph: index,
                paragraph_text: para,
                times: inside,
                stems: OnceCell::new(),
                names: OnceCell::new(),
            });
        }
    }
    out
}
