//! Storylines: the events (stories) that share their main actors and subject over days or
//! weeks, linked one level above stories.
//!
//! A story is one event ([`crate::stories`]); a reader following a summit, a trial or a
//! shutdown also wants the events before and after it. Each story is outlined by the mean of
//! its members' unit vectors (its centroid: the names and words its reports share) and the days
//! they were published. Two stories are candidates when their centroids share one of their
//! heaviest features (an inverted index, not every pair), and linked when their centroids'
//! cosine is at least [`STORYLINE_FLOOR`] and, both dated, they lie within
//! [`STORYLINE_DAYS`] of each other. Storylines are then found by average-link clustering of
//! those links at [`STORYLINE_THRESHOLD`] ([`crate::stories::average_link`]: every pair of a
//! storyline's stories linked, so a storyline cannot drift from one subject to the next). Stories
//! are never merged: a storyline only names the stories it holds. A storyline of one story is
//! none.
//!
//! Everything depends only on the stories (their members' vectors and dates), taken in id
//! order, so a corpus read in one batch or as a stream gives the same storylines for the same
//! stories.

use crate::stories::{average_link, Link, StoryVector, Unlinked};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// Least cosine of two stories' centroids to be linked at all.
pub const STORYLINE_FLOOR: f32 = 0.2;
/// Least average cosine of two groups of stories to be one storyline.
pub const STORYLINE_THRESHOLD: f32 = 0.35;
/// Most days between two dated stories of one storyline (between the last day of the earlier
/// and the first of the later): a storyline runs over weeks, a topic over years.
pub const STORYLINE_DAYS: i64 = 42;
/// How many of a centroid's heaviest features are indexed to find candidate stories.
const STORYLINE_TOP: usize = 16;

/// What storyline linking knows of a story.
#[derive(Debug, Clone)]
pub struct StoryOutline {
    pub id: String,
    /// The first and last publication day of its members, when any is dated.
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// The mean of its members' unit vectors.
    pub centroid: StoryVector,
}

impl StoryOutline {
    /// The outline of story `id` whose members have the vectors `members`.
    pub fn of(id: &str, members: &[&StoryVector]) -> StoryOutline {
        let mut sum: FxHashMap<u32, f32> = FxHashMap::default();
        for v in members {
            for (t, w) in v.unit_terms() {
                *sum.entry(t).or_default() += w;
            }
        }
        let n = members.len().max(1) as f32;
        let mut terms: Vec<(u32, f32)> = sum.into_iter().map(|(t, w)| (t, w / n)).collect();
        terms.sort_unstable_by_key(|&(t, _)| t);
        let first = members.iter().filter_map(|v| v.published).min();
        let last = members.iter().filter_map(|v| v.published).max();
        StoryOutline {
            id: id.to_string(),
            first,
            last,
            centroid: StoryVector::new(id.to_string(), first, terms, Vec::new()),
        }
    }

    /// Days between the two stories (0 when they overlap), when both are dated.
    fn days_apart(&self, other: &StoryOutline) -> Option<i64> {
        let (a0, a1, b0, b1) = (self.first?, self.last?, other.first?, other.last?);
        Some(if a1 < b0 {
            (b0 - a1).num_days()
        } else if b1 < a0 {
            (a0 - b1).num_days()
        } else {
            0
        })
    }

    /// The cosine of the two centroids when the stories may be one storyline's.
    fn link(&self, other: &StoryOutline) -> Option<f32> {
        if self.days_apart(other).is_some_and(|d| d > STORYLINE_DAYS) {
            return None;
        }
        let s = self.centroid.cosine(&other.centroid);
        (s >= STORYLINE_FLOOR).then_some(s)
    }
}

/// The storyline id of each story of `outlines` (in their order): `None` for a story alone.
/// A storyline's id follows from its stories' ids, so the same stories get the same id.
pub fn storylines(outlines: &[StoryOutline]) -> Vec<Option<String>> {
    // Work in id order, so the input order never matters.
    let mut order: Vec<usize> = (0..outlines.len()).collect();
    order.sort_by(|&a, &b| outlines[a].id.cmp(&outlines[b].id));
    let sorted: Vec<&StoryOutline> = order.iter().map(|&i| &outlines[i]).collect();
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, o) in sorted.iter().enumerate() {
        let mut top: Vec<(u32, f32)> = o.centroid.unit_terms().collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (t, _) in top.into_iter().take(STORYLINE_TOP) {
            postings.entry(t).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for list in postings.values() {
        for (k, &i) in list.iter().enumerate() {
            pairs.extend(list[k + 1..].iter().map(|&j| (i.min(j), i.max(j))));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let edges: Vec<Link> = pairs
        .into_iter()
        .filter_map(|(i, j)| sorted[i].link(sorted[j]).map(|s| (i, j, s)))
        .collect();
    let mut out = vec![None; outlines.len()];
    for group in average_link(sorted.len(), &edges, STORYLINE_THRESHOLD, Unlinked::Blocks) {
        if group.len() < 2 {
            continue;
        }
        let ids: Vec<String> = group.iter().map(|&k| sorted[k].id.clone()).collect();
        let id = storyline_id(&ids);
        for &k in &group {
            out[order[k]] = Some(id.clone());
        }
    }
    out
}

/// A storyline's id, from its stories' ids.
pub fn storyline_id(story_ids: &[String]) -> String {
    let mut sorted = story_ids.to_vec();
    sorted.sort();
    let h = xxhash_rust::xxh3::xxh3_64(sorted.join(",").as_bytes());
    format!("l{:010x}", h >> 24)
}

/// Whether `s` has the form of a storyline id ([`storyline_id`]: "l" and ten hexadecimal
/// digits).
pub fn is_storyline_id(s: &str) -> bool {
    s.len() == 11
        && s.starts_with('l')
        && s[1..]
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(id: &str, day: Option<u32>, terms: &[(u32, f32)]) -> StoryOutline {
        let published = day.and_then(|d| {
            NaiveDate::from_ymd_opt(2026, 1, 1)?.checked_add_days(chrono::Days::new(d.into()))
        });
        let v = StoryVector::new(id.into(), published, terms.to_vec(), Vec::new());
        StoryOutline::of(id, &[&v])
    }

    #[test]
    fn events_of_one_subject_weeks_apart_form_a_storyline_and_stay_stories() {
        // Features 1-4: a dispute's parties and subject; 10+, 20+, 30+: each event's own words;
        // 50+: another subject.
        let talks = [(1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0)];
        let with = |own: u32| {
            let mut t = talks.to_vec();
            t.extend([(own, 1.0), (own + 1, 1.0)]);
            t
        };
        let outlines = vec![
            outline("s-opening", Some(0), &with(10)),
            outline("s-walkout", Some(9), &with(20)),
            outline("s-deal", Some(30), &with(30)),
            outline("s-other", Some(9), &[(50, 1.0), (51, 1.0), (52, 1.0)]),
            // The same subject a year later: another storyline.
            outline("s-next-year", Some(400), &with(40)),
        ];
        let lines = storylines(&outlines);
        assert!(lines[0].is_some());
        assert_eq!(lines[0], lines[1]);
        assert_eq!(lines[0], lines[2]);
        assert_eq!(lines[3], None);
        assert_eq!(lines[4], None);
        // Any order gives the same storylines.
        let mut reversed = outlines.clone();
        reversed.reverse();
        let mut again = storylines(&reversed);
        again.reverse();
        assert_eq!(again, lines);
    }

    #[test]
    fn a_storyline_id_has_its_form() {
        let id = storyline_id(&["s1".into(), "s2".into()]);
        assert!(is_storyline_id(&id), "{id}");
        for bad in [
            "",
            "l",
            "L0123456789",
            "l012345678",
            "l0123456789a",
            "l012345678g",
            "s0123456789",
        ] {
            assert!(!is_storyline_id(bad), "{bad}");
        }
    }

    #[test]
    fn no_stories_no_storylines() {
        assert!(storylines(&[]).is_empty());
    }
}
