//! A light tree of an HTML page, built in one pass for main-content extraction.
//!
//! Not a conforming HTML parser: it reads what extraction needs (elements with their names,
//! `class`, `id` and a few other attributes, and text with entities decoded) and applies the
//! parts of the HTML tree-building rules that shape real news pages: raw text in `script` and
//! `style`, void elements, the implied ends of `p`, `li`, `dd`/`dt`, table rows and cells, and
//! an end tag closing every element opened after its match. A stray end tag is ignored, as
//! browsers do. It is about five times faster than html5ever with a DOM (the extraction
//! benchmark in docs/PERFORMANCE.md), which is why it exists; `dom_smoothie` on html5ever stays
//! the fallback for pages this tree does not serve well.

use memchr::{memchr, memmem};

/// The deepest nesting kept (browsers' own limits are in the hundreds too).
pub const MAX_DEPTH: usize = 400;

/// Formatting elements (`b`, `i`, `font`, ...) a browser reopens after the element that closed
/// them: html5ever nests every such one again inside each later block, so a page leaving many
/// of them open makes its tree deep and its parsing quadratic.
#[rustfmt::skip]
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
    "u",
];

/// A node's index in [`Tree::nodes`].
pub type NodeId = u32;

/// One element or run of text.
#[derive(Debug)]
pub struct Node {
    pub parent: NodeId,
    pub children: Vec<NodeId>,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Kind {
    /// The document root.
    Root,
    Element(Element),
    /// Text with entities decoded and whitespace as in the source.
    Text(String),
}

/// An element: its lower-cased name and the attributes extraction reads.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    /// Every other attribute, names lower-cased, values with entities decoded.
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The parsed page.
#[derive(Debug)]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// The page's markup in numbers that tell a hostile or broken page (see [`Shape`]).
    pub shape: Shape,
}

/// What a page asks of an HTML parser, measured while the tree is built: a conforming parser
/// (html5ever, under the fallback extractors) does work per element that grows with these.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Shape {
    /// The deepest nesting reached (at most [`MAX_DEPTH`]).
    pub deepest: usize,
    /// Some element would have nested deeper than [`MAX_DEPTH`].
    pub too_deep: bool,
    /// The most attributes on one element.
    pub most_attributes: usize,
    /// Elements a conforming parser would add by reopening formatting elements: for each
    /// element, the distinct formatting tags left open by an enclosing element's end before it
    /// (html5ever reopens every one of them inside each later block).
    pub reopened: usize,
}

#[rustfmt::skip]
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose content is text up to their end tag, never markup.
#[rustfmt::skip]
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "plaintext",
];

/// Start tags that close an open `p` (the HTML rules' "close a p element").
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "ul", "dd", "dt",
];

/// Elements a search for an open `p` (or `li`, ...) does not look past.
#[rustfmt::skip]
const SCOPE: &[&str] = &[
    "html", "table", "td", "th", "caption", "button", "object", "marquee", "applet", "template",
];

impl Tree {
    /// Parses `html`. Never fails: anything unreadable is text.
    pub fn parse(html: &str) -> Tree {
        let mut b = Builder {
            nodes: vec![Node {
                parent: 0,
                children: Vec::new(),
                kind: Kind::Root,
            }],
            open: vec![0],
            shape: Shape::default(),
            formatting_tags: Default::default(),
            left_open: Default::default(),
        };
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some(lt) = memchr(b'<', &bytes[i..]).map(|k| i + k) else {
                b.text(&html[i..]);
                break;
            };
            if lt > i {
                b.text(&html[i..lt]);
            }
            i = match bytes.get(lt + 1) {
                Some(b'!') if bytes[lt..].starts_with(b"<!--") => {
                    memmem::find(&bytes[lt + 4..], b"-->").map_or(bytes.len(), |k| lt + 4 + k + 3)
                }
                Some(b'!') | Some(b'?') => {
                    memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |k| lt + k + 1)
                }
                Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                    let (name, end) = tag_name(bytes, lt + 2);
                    let close = memchr(b'>', &bytes[end..]).map_or(bytes.len(), |k| end + k + 1);
                    b.end(&name);
                    close
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, end) = tag_name(bytes, lt + 1);
                    let (attrs, count, self_closing, after) = attributes(html, end);
                    b.shape.most_attributes = b.shape.most_attributes.max(count);
                    b.shape.reopened += b.left_open.len();
                    if RAW_TEXT.contains(&&*name) {
                        let (content, next) = raw_text(html, after, &name);
                        let id = b.start(name.into_owned(), attrs, true);
                        if !content.is_empty() {
                            b.push_text(id, content);
                        }
                        next
                    } else {
                        let formatting = FORMATTING.contains(&&*name);
                        let id = b.start(name.into_owned(), attrs, self_closing);
                        if formatting {
                            b.formatting_tags.insert(id, tag_hash(&bytes[lt..after]));
                        }
                        after
                    }
                }
                _ => {
                    b.text("<");
                    lt + 1
                }
            };
        }
        Tree {
            nodes: b.nodes,
            shape: b.shape,
        }
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id as usize].kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The name of element `id`, "" for text and the root.
    pub fn name(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| e.name.as_str())
    }

    pub fn children(&self, id: NodeId) -> &[NodeId] {
        &self.nodes[id as usize].children
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        (id != 0).then(|| self.nodes[id as usize].parent)
    }

    /// Every element named `name`, in document order.
    pub fn elements_named<'t>(
        &'t self,
        name: &'t str,
    ) -> impl Iterator<Item = (NodeId, &'t Element)> + 't {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(move |(i, n)| match &n.kind {
                Kind::Element(e) if e.name == name => Some((i as NodeId, e)),
                _ => None,
            })
    }

    /// The text under `id`, whitespace collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        collapse(&self.text_raw(id))
    }

    /// The text under `id` as in the source (entities decoded).
    pub fn text_raw(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.collect_text(id, &mut out);
        out
    }

    /// The text under `id`, whitespace collapsed, if it is shorter than `limit` bytes (the
    /// walk stops there, so asking this of every element of a page stays cheap).
    pub fn short_text_of(&self, id: NodeId, limit: usize) -> Option<String> {
        let mut out = String::new();
        self.collect_text_upto(id, &mut out, limit);
        (out.len() < limit).then(|| collapse(&out))
    }

    fn collect_text(&self, id: NodeId, out: &mut String) {
        self.collect_text_upto(id, out, usize::MAX);
    }

    fn collect_text_upto(&self, id: NodeId, out: &mut String, limit: usize) {
        match &self.nodes[id as usize].kind {
            Kind::Text(t) => out.push_str(t),
            _ => {
                for &c in self.children(id) {
                    if out.len() >= limit {
                        return;
                    }
                    self.collect_text_upto(c, out, limit);
                }
            }
        }
    }
}

/// `s` with each run of whitespace made one space, trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Builder {
    nodes: Vec<Node>,
    /// The open elements, the root first.
    open: Vec<NodeId>,
    shape: Shape,
    /// A hash of each open formatting element's tag (name and attributes, as written).
    formatting_tags: std::collections::HashMap<NodeId, u64>,
    /// The distinct formatting tags left open when an enclosing element ended (counted up to
    /// [`MAX_TRACKED_TAGS`]).
    left_open: std::collections::HashSet<u64>,
}

/// The most distinct formatting tags [`Builder::left_open`] tracks.
const MAX_TRACKED_TAGS: usize = 10_000;

impl Builder {
    fn current(&self) -> NodeId {
        *self.open.last().unwrap_or(&0)
    }

    fn open_name(&self, k: usize) -> &str {
        match &self.nodes[self.open[k] as usize].kind {
            Kind::Element(e) => &e.name,
            _ => "",
        }
    }

    /// The depth of the innermost open `name` not hidden behind one of `boundary` or [`SCOPE`].
    fn in_scope(&self, name: &str, boundary: &[&str]) -> Option<usize> {
        for k in (1..self.open.len()).rev() {
            let n = self.open_name(k);
            if n == name {
                return Some(k);
            }
            if SCOPE.contains(&n) || boundary.contains(&n) {
                return None;
            }
        }
        None
    }

    /// Closes the open elements from `depth` on; `named` says the one at `depth` was named by
    /// its end tag (the others above it are closed implicitly).
    fn close_to(&mut self, depth: usize, named: bool) {
        let depth = depth.max(1);
        let implied = self.open.len().saturating_sub(depth + usize::from(named));
        let top = self.open.len();
        for k in top - implied..top {
            if let Some(&tag) = self.formatting_tags.get(&self.open[k]) {
                if self.left_open.len() < MAX_TRACKED_TAGS {
                    self.left_open.insert(tag);
                }
            }
        }
        self.open.truncate(depth);
    }

    fn text(&mut self, raw: &str) {
        let text = if raw.contains('&') {
            html_escape::decode_html_entities(raw).into_owned()
        } else {
            raw.to_string()
        };
        let parent = self.current();
        // Runs of text split by comments or stray '<' join the text before them.
        if let Some(&last) = self.nodes[parent as usize].children.last() {
            if let Kind::Text(t) = &mut self.nodes[last as usize].kind {
                t.push_str(&text);
                return;
            }
        }
        self.push_text(parent, text);
    }

    fn push_text(&mut self, parent: NodeId, text: String) {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent,
            children: Vec::new(),
            kind: Kind::Text(text),
        });
        self.nodes[parent as usize].children.push(id);
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) -> NodeId {
        let n = name.as_str();
        // The open elements this start tag ends (the HTML rules' implied end tags): an open `p`
        // before a block, an open item before the next, a cell or row before the next.
        let p = CLOSES_P
            .contains(&n)
            .then(|| self.in_scope("p", &[]))
            .flatten();
        let item = match n {
            "li" => self.in_scope("li", &["ul", "ol"]),
            "dd" | "dt" => self
                .in_scope("dd", &["dl"])
                .max(self.in_scope("dt", &["dl"])),
            "td" | "th" => self
                .in_scope("td", &["tr"])
                .max(self.in_scope("th", &["tr"])),
            "tr" => self.table_part("tr"),
            "option" => {
                (self.open_name(self.open.len() - 1) == "option").then(|| self.open.len() - 1)
            }
            _ => None,
        };
        // Closing the outer one closes the inner one too.
        if let Some(k) = [p, item].into_iter().flatten().min() {
            self.close_to(k, false);
        }
        let is_void = VOID.contains(&n);
        let opens = !is_void && !self_closing;
        // At MAX_DEPTH an element takes the place of the innermost open one (closing it), so
        // the tree stays that deep, whose walks recurse, and a page of a million nested tags
        // keeps its paragraphs' text in them.
        if opens && self.open.len() >= MAX_DEPTH {
            self.open.pop();
            self.shape.too_deep = true;
        }
        let parent = self.current();
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent,
            children: Vec::new(),
            kind: Kind::Element(Element { name, attrs }),
        });
        self.nodes[parent as usize].children.push(id);
        if opens {
            self.open.push(id);
            self.shape.deepest = self.shape.deepest.max(self.open.len() - 1);
        }
        id
    }

    /// The depth of the open `name` (a row or cell) inside the innermost open table.
    fn table_part(&self, name: &str) -> Option<usize> {
        for k in (1..self.open.len()).rev() {
            let n = self.open_name(k);
            if n == name {
                return Some(k);
            }
            if n == "table" {
                return None;
            }
        }
        None
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            self.start("br".into(), Vec::new(), true);
            return;
        }
        // The innermost open element of that name; a table or cell boundary keeps an end tag
        // inside a cell from closing what is outside it, as in browsers.
        let cell_bound = !matches!(name, "table" | "td" | "th" | "tr" | "tbody" | "thead");
        for k in (1..self.open.len()).rev() {
            let n = self.open_name(k);
            if n == name {
                self.close_to(k, true);
                return;
            }
            if cell_bound && matches!(n, "td" | "th" | "table") {
                return;
            }
        }
    }
}

/// A hash of a tag as written (FNV-1a): two tags alike in name and attributes hash alike.
fn tag_hash(tag: &[u8]) -> u64 {
    tag.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    })
}

/// The lower-cased tag name starting at `i` and the index after it.
fn tag_name(bytes: &[u8], i: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let mut j = i;
    while j < bytes.len()
        && !matches!(
            bytes[j],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
        )
    {
        j += 1;
    }
    let mut name = String::from_utf8_lossy(&bytes[i..j]);
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        name.to_mut().make_ascii_lowercase();
    }
    (name, j)
}

/// The attributes from `i` to the tag's `>`: (the attributes kept, how many the tag has,
/// self-closing, index after `>`).
fn attributes(html: &str, mut i: usize) -> (Vec<(String, String)>, usize, bool, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut count = 0;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            None => return (attrs, count, false, bytes.len()),
            Some(b'>') => return (attrs, count, self_closing, i + 1),
            Some(b'/') => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let start = i;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b'=' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
        {
            i += 1;
        }
        // A lone '/' inside a name (as in `a/b`) would loop: take at least one byte.
        if i == start {
            i += 1;
            continue;
        }
        count += 1;
        // lower-cased in a copy only where it has capitals, and kept only if it is wanted
        let raw = &html[start..i];
        let name: std::borrow::Cow<str> = if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            raw.to_ascii_lowercase().into()
        } else {
            raw.into()
        };
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |k| i + 1 + k);
                    value = &html[i + 1..end];
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let s = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = &html[s..i];
                }
            }
        }
        if wanted(&name) && !attrs.iter().any(|(n, _)| *n == name) {
            let value = if value.contains('&') {
                html_escape::decode_html_entities(value).into_owned()
            } else {
                value.to_string()
            };
            attrs.push((name.into_owned(), value));
        }
    }
}

/// The attributes extraction reads (others are skipped to save allocations).
fn wanted(name: &str) -> bool {
    matches!(
        name,
        "class"
            | "id"
            | "style"
            | "hidden"
            | "aria-hidden"
            | "role"
            | "href"
            | "rel"
            | "name"
            | "property"
            | "itemprop"
            | "content"
            | "datetime"
            | "type"
            | "charset"
            | "http-equiv"
    )
}

/// The content of a raw-text element opened before `i` and the index after its end tag.
fn raw_text(html: &str, i: usize, name: &str) -> (String, usize) {
    let bytes = html.as_bytes();
    let mut from = i;
    while let Some(k) = memmem::find(&bytes[from..], b"</") {
        let at = from + k;
        let after = at + 2 + name.len();
        if after <= bytes.len()
            && bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(after)
                .is_none_or(|c| matches!(c, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c'))
        {
            let close = memchr(b'>', &bytes[after..]).map_or(bytes.len(), |k| after + k + 1);
            let content = &html[i..at];
            // Title and textarea text is escapable; script and style are not.
            let content = if matches!(name, "title" | "textarea") && content.contains('&') {
                html_escape::decode_html_entities(content).into_owned()
            } else {
                content.to_string()
            };
            return (content, close);
        }
        from = at + 2;
    }
    (html[i..].to_string(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &Tree, id: NodeId) -> Vec<&str> {
        t.children(id).iter().map(|&c| t.name(c)).collect()
    }

    #[test]
    fn implied_ends_and_raw_text() {
        let t = Tree::parse(
            "<html><body><div class=a><p>one<p>two &amp; more<ul><li>x<li>y</ul></div>\
             <script>if (a<b) { document.write('</div>') }</script><p>three</body></html>",
        );
        let (div, _) = t.elements_named("div").next().unwrap();
        assert_eq!(names(&t, div), vec!["p", "p", "ul"]);
        let (ul, _) = t.elements_named("ul").next().unwrap();
        assert_eq!(names(&t, ul), vec!["li", "li"]);
        let ps: Vec<String> = t.elements_named("p").map(|(i, _)| t.text_of(i)).collect();
        assert_eq!(ps, vec!["one", "two & more", "three"]);
        let (script, _) = t.elements_named("script").next().unwrap();
        assert!(t.text_of(script).contains("</div>') }"));
        assert_eq!(t.element(div).unwrap().attr("class"), Some("a"));
    }

    #[test]
    fn a_stray_end_tag_is_ignored_and_a_cell_keeps_its_content() {
        let t =
            Tree::parse("<div><span>a</b>b</span></div><table><tr><td><div>c</td><td>d</table>");
        let (span, _) = t.elements_named("span").next().unwrap();
        assert_eq!(t.text_of(span), "ab");
        let cells: Vec<String> = t.elements_named("td").map(|(i, _)| t.text_of(i)).collect();
        assert_eq!(cells, vec!["c", "d"]);
    }

    #[test]
    fn broken_markup_is_text_or_skipped_without_panicking() {
        for html in [
            "<",
            "<<<>>>",
            "<!--",
            "<a href='x",
            "</",
            "<p a=",
            "<script>x",
            "a < b",
            "<a/b c>",
            "<ü>",
            "&#xZZ;&amp",
        ] {
            let t = Tree::parse(html);
            let _ = t.text_of(0);
        }
        assert_eq!(Tree::parse("a < b").text_of(0), "a < b");
    }

    #[test]
    fn deeply_nested_tags_do_not_overflow_the_stack() {
        let html = format!("{}<p>deep text</p>", "<div>".repeat(200_000));
        let t = Tree::parse(&html);
        assert_eq!(t.text_of(0), "deep text");
        let depth = |mut id: NodeId| {
            let mut d = 0;
            while let Some(p) = t.parent(id) {
                id = p;
                d += 1;
            }
            d
        };
        assert!((0..t.nodes.len() as NodeId).all(|i| depth(i) <= MAX_DEPTH + 1));
    }
}
