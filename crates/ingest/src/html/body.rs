//! The article body of a page's [`Tree`]: Readability's scoring, on the light tree.
//!
//! Paragraph-like elements score their ancestors (one point, one per comma, one per hundred
//! characters up to three; the parent takes it whole, the grandparent half, further ancestors a
//! third per level); an ancestor starts from its tag and the words of its `class` and `id`
//! ("article", "content" up; "comment", "sidebar" down) and loses its share of link text. The
//! best-scoring element, widened where close rivals share an ancestor, and those of its
//! siblings that score or read like prose, are the article; inside it, lists, tables and boxes
//! that are mostly links, images or form fields are dropped ("clean conditionally"), and the
//! rest is rendered as paragraphs. Where this finds less than a short article, the pass is run
//! again without the class and id filters, as Readability does.

use super::tree::{Kind, NodeId, Tree};
use once_cell::sync::Lazy;
use regex::Regex;

/// Below this many characters an attempt is run again with fewer filters.
const CHAR_THRESHOLD: usize = 500;

static UNLIKELY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote",
    )
    .unwrap()
});
/// Captions, galleries and overlays: never article text, whatever else the class says.
static FURNITURE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)caption|gallery|slideshow|carousel|lightbox|modal|credit").unwrap()
});
static MAYBE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)and|article|body|column|content|main|mathjax|shadow").unwrap());
static NEGATIVE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget",
    )
    .unwrap()
});
static POSITIVE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story",
    )
    .unwrap()
});

/// Elements never part of an article's text.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "input", "textarea", "option", "head", "title", "meta",
    "link", "nav", "aside", "footer", "form", "dialog", "label", "figcaption", "video", "audio",
];

/// Elements that end a paragraph when rendered.
#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "blockquote", "pre", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "hr",
    "address", "center", "details", "summary", "body", "html", "tbody", "thead", "caption",
];

/// A `div` holding none of these is scored as a paragraph.
#[rustfmt::skip]
const DIV_TO_P: &[&str] = &[
    "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article",
    "h1", "h2", "h3", "h4", "h5", "h6",
];

const SCORED: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];

/// Which of Readability's filters an attempt applies.
#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

impl Stats {
    /// Counts a child's facts into its parent's (all but `has_block`, which is set apart).
    fn add(&mut self, child: &Stats) {
        self.chars += child.chars;
        self.link_chars += child.link_chars;
        self.commas += child.commas;
        self.paragraphs += child.paragraphs;
        self.images += child.images;
        self.items += child.items;
        self.inputs += child.inputs;
        self.embeds += child.embeds;
        self.list_chars += child.list_chars;
    }

    /// Takes a dropped descendant's facts off (the reverse of [`Stats::add`]).
    fn remove(&mut self, gone: &Stats) {
        self.chars = self.chars.saturating_sub(gone.chars);
        self.link_chars = (self.link_chars - gone.link_chars).max(0.0);
        self.commas = self.commas.saturating_sub(gone.commas);
        self.paragraphs = self.paragraphs.saturating_sub(gone.paragraphs);
        self.images = self.images.saturating_sub(gone.images);
        self.items = self.items.saturating_sub(gone.items);
        self.inputs = self.inputs.saturating_sub(gone.inputs);
        self.embeds = self.embeds.saturating_sub(gone.embeds);
        self.list_chars = self.list_chars.saturating_sub(gone.list_chars);
    }
}

/// Per-node facts gathered bottom-up, over the nodes an attempt keeps.
#[derive(Clone, Default)]
struct Stats {
    /// Characters of text, whitespace runs counted as one.
    chars: usize,
    /// Characters of text inside links.
    link_chars: f32,
    commas: usize,
    paragraphs: usize,
    images: usize,
    items: usize,
    inputs: usize,
    embeds: usize,
    /// Characters inside `ul`/`ol`.
    list_chars: usize,
    /// Holds an element that keeps a `div` from being a paragraph.
    has_block: bool,
}

/// The article text of `tree`, paragraphs separated by blank lines; empty when nothing reads
/// like an article.
pub fn article_text(tree: &Tree) -> String {
    let mut best = String::new();
    let mut flags = Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    };
    loop {
        let (text, kept_prose) = attempt(tree, flags);
        if text.chars().count() >= CHAR_THRESHOLD && kept_prose {
            return text;
        }
        if text.len() > best.len() {
            best = text;
        }
        if flags.strip_unlikely {
            flags.strip_unlikely = false;
        } else if flags.weight_classes {
            flags.weight_classes = false;
        } else if flags.clean_conditionally {
            flags.clean_conditionally = false;
        } else {
            return best;
        }
    }
}

struct Pass<'t> {
    tree: &'t Tree,
    flags: Flags,
    /// Nodes left out of this attempt (hidden, furniture, unlikely), with their subtrees.
    dropped: Vec<bool>,
    stats: Vec<Stats>,
    /// Content scores of the elements that received any.
    score: Vec<Option<f32>>,
    /// The five best-scoring elements and their ancestors, never dropped as clutter: an
    /// article's own container can look link-heavy until the boxes inside it are dropped.
    protected: Vec<bool>,
}

/// One pass: the article text, and whether cleaning kept most of the paragraphs it started
/// from (a class word on every box of a page builder's layout can take them all).
fn attempt(tree: &Tree, flags: Flags) -> (String, bool) {
    let mut pass = Pass::new(tree, flags);
    let Some((top, parent)) = pass.top_candidate() else {
        return (String::new(), false);
    };
    let members = pass.with_siblings(top, parent);
    let mut kept_prose = true;
    if flags.clean_conditionally {
        let before: usize = members.iter().map(|&m| pass.paragraph_chars(m)).sum();
        for &m in &members {
            pass.clean(m);
        }
        let after: usize = members.iter().map(|&m| pass.paragraph_chars(m)).sum();
        kept_prose = before < 2000 || after * 2 >= before;
    }
    let mut out = String::new();
    for m in members {
        pass.render(m, &mut out);
        out.push_str("\n\n");
    }
    (tidy(&out), kept_prose)
}

impl<'t> Pass<'t> {
    fn new(tree: &'t Tree, flags: Flags) -> Self {
        let n = tree.nodes.len();
        let mut dropped = vec![false; n];
        // Top-down: a node is dropped with its parent; children always follow parents in
        // document order, so one forward sweep sees every parent first.
        for id in 1..n {
            let parent = tree.nodes[id].parent as usize;
            if dropped[parent] {
                dropped[id] = true;
                continue;
            }
            let Kind::Element(e) = &tree.nodes[id].kind else {
                continue;
            };
            let mark = match (e.attr("class"), e.attr("id")) {
                (Some(c), Some(i)) => format!("{c} {i}"),
                (Some(c), None) => c.to_string(),
                (None, Some(i)) => i.to_string(),
                (None, None) => String::new(),
            };
            // The `hidden` attribute counts in the first attempt only: streaming renderers
            // (React's) put the whole page in a hidden element that a script reveals.
            let hidden = (flags.strip_unlikely && e.attr("hidden").is_some())
                || e.attr("aria-hidden") == Some("true")
                || e.attr("style").is_some_and(|s| {
                    let s = s.to_ascii_lowercase().replace(' ', "");
                    s.contains("display:none") || s.contains("visibility:hidden")
                });
            let furniture = flags.strip_unlikely
                && (e.name == "figure" || (!mark.is_empty() && FURNITURE.is_match(&mark)));
            let role = e.attr("role").unwrap_or("");
            let unlikely = flags.strip_unlikely
                && e.name != "body"
                && e.name != "a"
                && !mark.is_empty()
                && UNLIKELY.is_match(&mark)
                && !MAYBE.is_match(&mark)
                && !has_ancestor(tree, id as NodeId, &["table", "code"]);
            let unlikely_role = flags.strip_unlikely
                && matches!(
                    role,
                    "menu"
                        | "menubar"
                        | "complementary"
                        | "navigation"
                        | "alert"
                        | "alertdialog"
                        | "dialog"
                );
            dropped[id] = hidden
                || unlikely
                || furniture
                || unlikely_role
                || SKIPPED.contains(&e.name.as_str());
        }
        let mut pass = Pass {
            tree,
            flags,
            dropped,
            stats: vec![Stats::default(); n],
            score: vec![None; n],
            protected: vec![false; n],
        };
        pass.gather();
        pass
    }

    /// Fills `stats` bottom-up (children have higher ids than their parents).
    fn gather(&mut self) {
        let tree = self.tree;
        for id in (1..tree.nodes.len()).rev() {
            if self.dropped[id] {
                continue;
            }
            let mut s = std::mem::take(&mut self.stats[id]);
            match &tree.nodes[id].kind {
                Kind::Text(t) => {
                    (s.chars, s.commas) = text_stats(t);
                }
                Kind::Element(e) => {
                    let name = e.name.as_str();
                    match name {
                        "a" => {
                            let hash = e.attr("href").is_some_and(|h| h.starts_with('#'));
                            s.link_chars = s.chars as f32 * if hash { 0.3 } else { 1.0 };
                        }
                        "p" => s.paragraphs += 1,
                        "img" => s.images += 1,
                        "li" => s.items += 1,
                        "input" => s.inputs += 1,
                        "embed" | "object" | "iframe" => s.embeds += 1,
                        "ul" | "ol" => s.list_chars = s.chars,
                        _ => {}
                    }
                }
                Kind::Root => {}
            }
            let parent = tree.nodes[id].parent as usize;
            let is_block = DIV_TO_P.contains(&tree.name(id as NodeId));
            let p = &mut self.stats[parent];
            p.add(&s);
            p.has_block |= is_block || s.has_block;
            self.stats[id] = s;
        }
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let s = &self.stats[id as usize];
        if s.chars == 0 {
            0.0
        } else {
            s.link_chars / s.chars as f32
        }
    }

    /// An element's content score less its share of link text, if it received any score.
    fn final_score(&self, id: NodeId) -> Option<f32> {
        self.score[id as usize].map(|s| s * (1.0 - self.link_density(id)))
    }

    fn class_weight(&self, id: NodeId) -> f32 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        let Some(e) = self.tree.element(id) else {
            return 0.0;
        };
        let mut w = 0.0;
        for v in [e.attr("class"), e.attr("id")].into_iter().flatten() {
            if v.is_empty() {
                continue;
            }
            if NEGATIVE.is_match(v) {
                w -= 25.0;
            }
            if POSITIVE.is_match(v) {
                w += 25.0;
            }
        }
        w
    }

    fn initial_score(&self, id: NodeId) -> f32 {
        let base = match self.tree.name(id) {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(id)
    }

    /// The best-scoring element and the parent whose children are weighed as its siblings.
    fn top_candidate(&mut self) -> Option<(NodeId, NodeId)> {
        let tree = self.tree;
        let n = tree.nodes.len();
        let mut score = std::mem::take(&mut self.score);
        let body = tree.elements_named("body").next().map(|(id, _)| id);
        for id in 1..n {
            if self.dropped[id] {
                continue;
            }
            let id = id as NodeId;
            let name = tree.name(id);
            let s = &self.stats[id as usize];
            // A div without blocks in it is a paragraph too (Readability turns it into one).
            let (chars, commas) = if SCORED.contains(&name) || (name == "div" && !s.has_block) {
                (s.chars, s.commas)
            } else if name == "div" {
                // Text directly in a div with blocks: Readability wraps it in paragraphs.
                let (mut c, mut k) = (0, 0);
                for &ch in tree.children(id) {
                    let cs = &self.stats[ch as usize];
                    if !self.dropped[ch as usize]
                        && !DIV_TO_P.contains(&tree.name(ch))
                        && !BLOCK.contains(&tree.name(ch))
                    {
                        c += cs.chars;
                        k += cs.commas;
                    }
                }
                if c < 25 {
                    continue;
                }
                // Scored as a paragraph inside the div: the div is its parent.
                let points = 1.0 + k as f32 + (c / 100).min(3) as f32;
                self.add_to_ancestors(&mut score, id, points, true);
                continue;
            } else {
                continue;
            };
            if chars < 25 {
                continue;
            }
            let points = 1.0 + commas as f32 + (chars / 100).min(3) as f32;
            self.add_to_ancestors(&mut score, id, points, false);
        }
        self.score = score;
        let mut ranked: Vec<(NodeId, f32)> = (0..n as NodeId)
            .filter_map(|id| self.final_score(id).map(|s| (id, s)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(5);
        for &(id, _) in &ranked {
            self.protected[id as usize] = true;
            for a in ancestors(tree, id) {
                self.protected[a as usize] = true;
            }
        }
        let &(mut top, top_score) = ranked.first()?;
        if Some(top) == body {
            return Some((top, tree.parent(top).unwrap_or(0)));
        }
        // Close rivals sharing an ancestor: that ancestor holds the article.
        let rivals: Vec<Vec<NodeId>> = ranked[1..]
            .iter()
            .filter(|(_, s)| *s / top_score >= 0.75)
            .map(|&(id, _)| ancestors(tree, id).collect())
            .collect();
        if rivals.len() >= 3 {
            let mut p = tree.parent(top);
            while let Some(a) = p.filter(|&a| Some(a) != body && a != 0) {
                if rivals.iter().filter(|r| r.contains(&a)).count() >= 3 {
                    top = a;
                    break;
                }
                p = tree.parent(a);
            }
        }
        // A parent scoring higher than the last step up holds more of the article.
        let mut last = self.final_score(top).unwrap_or(0.0);
        let threshold = last / 3.0;
        let mut p = tree.parent(top);
        while let Some(a) = p.filter(|&a| Some(a) != body && a != 0) {
            if let Some(s) = self.final_score(a) {
                if s < threshold {
                    break;
                }
                if s > last {
                    top = a;
                    break;
                }
                last = s;
            }
            p = tree.parent(a);
        }
        // An only child stands for its parent.
        while let Some(a) = tree.parent(top).filter(|&a| Some(a) != body && a != 0) {
            let kept = tree
                .children(a)
                .iter()
                .filter(|&&c| !self.dropped[c as usize] && tree.element(c).is_some())
                .count();
            if kept != 1 {
                break;
            }
            top = a;
        }
        Some((top, tree.parent(top).unwrap_or(0)))
    }

    /// Adds `points` to the ancestors of `id` (to `id` itself first when `inclusive`).
    fn add_to_ancestors(
        &self,
        score: &mut [Option<f32>],
        id: NodeId,
        points: f32,
        inclusive: bool,
    ) {
        let start = if inclusive {
            Some(id)
        } else {
            self.tree.parent(id)
        };
        let chain = std::iter::successors(start, |&a| self.tree.parent(a)).take(5);
        for (level, a) in chain.enumerate() {
            if a == 0 || self.tree.parent(a).is_none() {
                return;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            let s = score[a as usize].get_or_insert_with(|| self.initial_score(a));
            *s += points / divider;
        }
    }

    /// `top` and those of its siblings that score or read like part of the article.
    fn with_siblings(&self, top: NodeId, parent: NodeId) -> Vec<NodeId> {
        let tree = self.tree;
        let scored = |id: NodeId| self.final_score(id);
        let top_score = scored(top).unwrap_or(0.0);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = tree
            .element(top)
            .and_then(|e| e.attr("class"))
            .unwrap_or("");
        let mut out = Vec::new();
        for &sib in tree.children(parent) {
            if sib == top {
                out.push(sib);
                continue;
            }
            if self.dropped[sib as usize] || tree.element(sib).is_none() {
                continue;
            }
            let mut bonus = 0.0;
            let class = tree
                .element(sib)
                .and_then(|e| e.attr("class"))
                .unwrap_or("");
            if !top_class.is_empty() && class == top_class {
                bonus += top_score * 0.2;
            }
            let append = match scored(sib) {
                Some(s) if s + bonus >= threshold => true,
                _ if tree.name(sib) == "p" => {
                    let chars = self.stats[sib as usize].chars;
                    let density = self.link_density(sib);
                    if chars > 80 {
                        density < 0.25
                    } else {
                        chars > 0 && density == 0.0 && ends_sentence(&tree.text_of(sib))
                    }
                }
                _ => false,
            };
            if append {
                out.push(sib);
            }
        }
        if out.is_empty() {
            out.push(top);
        }
        // An article its renderer split into chunks ("article__body" after every ad slot):
        // elements elsewhere with the top's tag and class that score as siblings would.
        if !top_class.is_empty() {
            let name = tree.name(top);
            for (id, e) in tree.elements_named(name) {
                if self.dropped[id as usize]
                    || e.attr("class") != Some(top_class)
                    || scored(id).is_none_or(|s| s < threshold)
                {
                    continue;
                }
                let related = |a: NodeId, b: NodeId| a == b || ancestors(tree, a).any(|x| x == b);
                if !out.iter().any(|&m| related(id, m) || related(m, id)) {
                    out.push(id);
                }
            }
            out.sort_unstable();
        }
        out
    }

    /// Readability's "clean conditionally": a list, table, box or form inside the article that
    /// is mostly links, images, fields or embeds rather than text.
    fn is_clutter(&self, id: NodeId) -> bool {
        let tree = self.tree;
        let name = tree.name(id);
        if !matches!(
            name,
            "ul" | "ol" | "table" | "div" | "section" | "form" | "fieldset"
        ) {
            return false;
        }
        if name != "table" && has_ancestor(tree, id, &["table", "code", "pre"]) {
            return false;
        }
        let weight = self.class_weight(id);
        let s = &self.stats[id as usize];
        if weight < 0.0 {
            // A class word like "widget" or "hidden" does not make a run of prose clutter;
            // readers' comments are prose too, and never the article.
            let prose = s.chars >= 500 && s.paragraphs > 0 && self.link_density(id) < 0.1;
            return !prose || self.is_comments(id);
        }
        if s.commas >= 10 {
            return false;
        }
        let is_list = matches!(name, "ul" | "ol")
            || (s.chars > 0 && s.list_chars as f32 / s.chars as f32 > 0.9);
        let (p, img) = (s.paragraphs as f32, s.images as f32);
        let li = s.items as f32 - 100.0;
        let density = self.link_density(id);
        let in_figure = has_ancestor(tree, id, &["figure"]);
        (!in_figure && img > 1.0 && p / img < 0.5)
            || (!is_list && li > p)
            || (s.inputs as f32 > (p / 3.0).floor())
            || (!is_list
                && !in_figure
                && s.chars < 25
                && (img == 0.0 || img > 2.0)
                && density > 0.0)
            || (!is_list && weight < 25.0 && density > 0.2)
            || (weight >= 25.0 && density > 0.5)
            || ((s.embeds == 1 && s.chars < 75) || s.embeds > 1)
    }

    /// Drops the clutter inside `root`, innermost first, each drop taken off its ancestors'
    /// counts before the elements around it are judged (as Readability does on its DOM).
    fn clean(&mut self, root: NodeId) {
        let end = self.subtree_end(root);
        for id in (root as usize..end).rev() {
            if self.dropped[id] || self.protected[id] || !self.is_clutter(id as NodeId) {
                continue;
            }
            self.dropped[id] = true;
            let gone = self.stats[id].clone();
            let mut a = self.tree.parent(id as NodeId);
            while let Some(x) = a {
                self.stats[x as usize].remove(&gone);
                a = self.tree.parent(x);
            }
        }
    }

    /// One past the last node id of `id`'s subtree (subtrees are contiguous in document order).
    fn subtree_end(&self, id: NodeId) -> usize {
        let mut last = id;
        while let Some(&c) = self.tree.children(last).last() {
            last = c;
        }
        last as usize + 1
    }

    /// Characters of text in the paragraphs under `id` that are not dropped (nor comments).
    fn paragraph_chars(&self, id: NodeId) -> usize {
        if self.dropped[id as usize] || self.is_comments(id) {
            return 0;
        }
        if self.tree.name(id) == "p" {
            return self.stats[id as usize].chars;
        }
        self.tree
            .children(id)
            .iter()
            .map(|&c| self.paragraph_chars(c))
            .sum()
    }

    fn is_comments(&self, id: NodeId) -> bool {
        self.tree.element(id).is_some_and(|e| {
            [e.attr("class"), e.attr("id")]
                .into_iter()
                .flatten()
                .any(|v| v.to_ascii_lowercase().contains("comment"))
        })
    }

    /// Appends the text of `id` to `out`: blocks as paragraphs, `br` as a line break.
    fn render(&self, id: NodeId, out: &mut String) {
        if self.dropped[id as usize] {
            return;
        }
        let tree = self.tree;
        match &tree.nodes[id as usize].kind {
            Kind::Text(t) => {
                let starts_space = t.starts_with(char::is_whitespace);
                let ends_space = t.ends_with(char::is_whitespace);
                let words: Vec<&str> = t.split_whitespace().collect();
                if words.is_empty() {
                    if !t.is_empty() && !out.ends_with(char::is_whitespace) && !out.is_empty() {
                        out.push(' ');
                    }
                    return;
                }
                if starts_space && !out.ends_with(char::is_whitespace) && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&words.join(" "));
                if ends_space {
                    out.push(' ');
                }
            }
            Kind::Element(e) => {
                let name = e.name.as_str();
                if name == "br" {
                    out.push('\n');
                    return;
                }
                // Headings with negative class weight are page furniture (Readability).
                if matches!(name, "h1" | "h2") && self.class_weight(id) < 0.0 {
                    return;
                }
                let block = BLOCK.contains(&name);
                if block {
                    // Items and rows are lines; other blocks are paragraphs.
                    if !matches!(name, "li" | "tr" | "dt" | "dd") {
                        out.push_str("\n\n");
                    } else if !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
                for &c in tree.children(id) {
                    self.render(c, out);
                }
                if matches!(name, "li" | "tr" | "dt" | "dd") {
                    out.push('\n');
                } else if block {
                    out.push_str("\n\n");
                } else if matches!(name, "td" | "th") {
                    // A table row is one line, its cells apart.
                    out.push(' ');
                }
            }
            Kind::Root => {
                for &c in tree.children(id) {
                    self.render(c, out);
                }
            }
        }
    }
}

/// Rendered text with each line trimmed and runs of blank lines made one.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// A text node's length in characters with each run of white space counted as one, and its
/// commas (`,`, Arabic `،`, full-width `，`): read a byte at a time where the text is ASCII.
fn text_stats(t: &str) -> (usize, usize) {
    let bytes = t.as_bytes();
    let (mut n, mut commas, mut space) = (0, 0, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (white, comma, len) = if b.is_ascii() {
            (b.is_ascii_whitespace() || b == 0x0B, b == b',', 1)
        } else {
            let c = t[i..].chars().next().expect("a character starts here");
            (c.is_whitespace(), c == '،' || c == '，', c.len_utf8())
        };
        if !(white && space) {
            n += 1;
        }
        space = white;
        commas += usize::from(comma);
        i += len;
    }
    (n, commas)
}

fn ends_sentence(text: &str) -> bool {
    text.contains(". ") || text.ends_with('.')
}

fn ancestors(tree: &Tree, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    std::iter::successors(tree.parent(id), |&a| tree.parent(a))
}

fn has_ancestor(tree: &Tree, id: NodeId, names: &[&str]) -> bool {
    ancestors(tree, id).any(|a| names.contains(&tree.name(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stats_count_as_chars_would() {
        let by_chars = |t: &str| {
            let (mut n, mut space) = (0, false);
            for c in t.chars() {
                if !(c.is_whitespace() && space) {
                    n += 1;
                }
                space = c.is_whitespace();
            }
            (n, t.matches([',', '،', '，']).count())
        };
        for t in [
            "",
            "  Kyiv, Moscow,  and\t\n\x0b\x0c\r Washington ",
            "nbsp\u{a0}\u{a0}thin\u{2009}ideographic\u{3000}\u{85}end",
            "قال، ثم 中文，逗号 Zelenskyy’s «plan» 𝄞,",
        ] {
            assert_eq!(text_stats(t), by_chars(t), "{t:?}");
        }
    }

    const PARA: &str = "Officials from both governments met for five hours on Tuesday to discuss \
        the plan, according to people familiar with the talks, and agreed to meet again.";

    fn page(body: &str) -> String {
        format!("<html><head><title>T</title></head><body>{body}</body></html>")
    }

    fn paras(n: usize) -> String {
        (0..n).map(|i| format!("<p>{i}. {PARA}</p>")).collect()
    }

    #[test]
    fn the_article_is_kept_and_the_furniture_around_it_is_not() {
        let html = page(&format!(
            r##"<nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="main-column"><article class="story-body">{}
              <figure><img src="a.jpg"><figcaption>A caption, photographer</figcaption></figure>
              <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
              {}</article>
              <ul class="related-links"><li><a href="/a">Another story about something</a></li>
                <li><a href="/b">And one more story about something else</a></li></ul>
              <section id="comments" class="comments"><p>{PARA} I disagree, says a reader.</p></section>
            </div><footer>Copyright Example</footer>"##,
            paras(4),
            paras(2)
        ));
        let text = article_text(&Tree::parse(&html));
        assert_eq!(text.matches("Officials from both").count(), 6, "{text}");
        assert!(text.contains("0. Officials") && text.contains("\n\n1. Officials"));
        for furniture in [
            "Home",
            "caption",
            "Share on",
            "Another story",
            "reader",
            "Copyright",
        ] {
            assert!(!text.contains(furniture), "{furniture} in {text}");
        }
    }

    #[test]
    fn a_page_rendered_into_a_hidden_element_is_still_read() {
        let html = page(&format!(
            r#"<div class="menu"><a href="/">Home</a></div><div hidden id="S:0"><main>{}</main></div>"#,
            paras(5)
        ));
        let text = article_text(&Tree::parse(&html));
        assert_eq!(text.matches("Officials from both").count(), 5, "{text}");
    }

    #[test]
    fn prose_in_boxes_named_widget_is_not_clutter() {
        // A page builder's layout: every block of the article sits in a "widget" box.
        let boxes: String = (0..6)
            .map(|i| {
                format!(
                    r#"<div class="builder-widget text-widget"><div class="widget-container">
                    <p>{i}. {PARA}</p><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div></div>"#
                )
            })
            .collect();
        let html = page(&format!(r#"<div class="entry-content">{boxes}</div>"#));
        let text = article_text(&Tree::parse(&html));
        assert_eq!(text.matches("Officials from both").count(), 24, "{text}");
    }

    #[test]
    fn an_article_split_into_chunks_is_read_whole() {
        let chunk = |from: usize| {
            format!(
                r#"<div class="grid"><div class="article__body">{}</div><aside>ad</aside></div>"#,
                (from..from + 4)
                    .map(|i| format!("<p>{i}. {PARA}</p>"))
                    .collect::<String>()
            )
        };
        let html = page(&format!(
            "<main>{}{}{}</main>",
            chunk(0),
            chunk(4),
            chunk(8)
        ));
        let text = article_text(&Tree::parse(&html));
        for i in 0..12 {
            assert!(
                text.contains(&format!("{i}. Officials")),
                "{i} missing: {text}"
            );
        }
        assert!(
            text.find("3. Officials") < text.find("4. Officials"),
            "in page order"
        );
    }

    #[test]
    fn a_table_row_is_one_line() {
        let html = page(&format!(
            "<article>{}<table><tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr>\
             <tr><td>2</td><td>Martin Truex</td><td>5035</td></tr></table></article>",
            paras(4)
        ));
        let text = article_text(&Tree::parse(&html));
        assert!(
            text.contains("1 Kyle Busch 5040\n2 Martin Truex 5035"),
            "{text}"
        );
    }

    #[test]
    fn a_page_without_prose_gives_no_text_and_does_not_panic() {
        assert_eq!(article_text(&Tree::parse("")), "");
        let links = page(r#"<ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul>"#);
        assert!(article_text(&Tree::parse(&links)).len() < 10);
    }
}
