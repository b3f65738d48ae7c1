//! The sample corpus against its gold (`../shared/seeds/gold.json`): articles, split-off
//! article, stories, titles, dates, byline, furniture removed with reasons, quotes kept.

mod common;

use common::*;
use serde_json::Value;

/// Lower-case, straight quotes, single spaces: the gold's matching rule.
fn norm(s: &str) -> String {
    s.replace(['’', '‘', '`'], "'")
        .replace(['“', '”'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn file_of(a: &Value) -> String {
    let src = a["source"].as_str().unwrap();
    std::path::Path::new(src)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

struct Run {
    dossier: Value,
    gold: Value,
}

impl Run {
    fn load() -> Option<Run> {
        let gold_path = shared("seeds/gold.json")?;
        let gold: Value = serde_json::from_slice(&std::fs::read(gold_path).unwrap()).unwrap();
        let (dossier, out) = analyze_json(&["examples/kremlin-talks"]);
        assert!(out.status.success(), "{}", stderr(&out));
        Some(Run { dossier, gold })
    }

    fn articles(&self) -> &Vec<Value> {
        self.dossier["articles"].as_array().unwrap()
    }

    fn article(&self, file: &str, part: u64) -> &Value {
        self.articles()
            .iter()
            .find(|a| file_of(a) == file && a["part"] == part)
            .unwrap_or_else(|| panic!("no article for {file} part {part}"))
    }

    fn story_text(&self, story: &str) -> String {
        let s = self.dossier["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == story)
            .unwrap();
        let mut text = String::new();
        for section in ["brief", "facts", "quotes", "events", "positions"] {
            text.push_str(&s[section].to_string());
        }
        text
    }
}

#[test]
fn six_articles_in_two_stories() {
    let Some(run) = Run::load() else { return };
    assert_eq!(
        run.articles().len(),
        6,
        "five files, one with a pasted second article"
    );
    let stories = run.dossier["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    // Gold stories: each gold member list is exactly one of our stories.
    for (name, s) in run.gold["stories"].as_object().unwrap() {
        let members: Vec<&Value> = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let m = m.as_str().unwrap();
                match m.strip_suffix("#appended") {
                    Some(f) => run.article(f, 2),
                    None => run.article(m, 1),
                }
            })
            .collect();
        let story = members[0]["story"].as_str().unwrap();
        assert!(
            members.iter().all(|a| a["story"] == story),
            "story {name} split up"
        );
        let ours = stories.iter().find(|s| s["id"] == story).unwrap();
        assert_eq!(
            ours["articles"].as_array().unwrap().len(),
            members.len(),
            "story {name}"
        );
    }
}

#[test]
fn titles_dates_and_byline_as_gold() {
    let Some(run) = Run::load() else { return };
    for g in run.gold["articles"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let a = run.article(file, 1);
        assert_eq!(a["title"], g["title"], "{file}: title");
        assert_eq!(a["published"], g["published"], "{file}: published");
        if let Some(b) = g.get("byline") {
            assert_eq!(&a["byline"], b, "{file}: byline");
        }
        if a["published"].is_string() {
            assert!(
                a["provenance"]["published"].is_string(),
                "{file}: date without provenance"
            );
        }
        if let Some(app) = g.get("appended_article") {
            let p2 = run.article(file, 2);
            assert_eq!(p2["title"], app["title"], "{file}: pasted article title");
            for s in app["must_contain"].as_array().unwrap() {
                let s = s.as_str().unwrap();
                assert!(
                    norm(p2["text"].as_str().unwrap()).contains(&norm(s)),
                    "{file} part 2 lacks {s}"
                );
            }
        }
    }
}

#[test]
fn furniture_is_gone_and_every_cut_has_a_reason() {
    let Some(run) = Run::load() else { return };
    for g in run.gold["articles"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let a = run.article(file, 1);
        let text = a["text"].as_str().unwrap();
        let story_text = run.story_text(a["story"].as_str().unwrap());
        for s in g["must_not_appear"].as_array().unwrap() {
            let s = norm(s.as_str().unwrap());
            assert!(!norm(text).contains(&s), "{file}: '{s}' left in the text");
            assert!(
                !norm(&story_text).contains(&s),
                "{file}: '{s}' in the story"
            );
        }
        let removed = a["removed"].as_array().unwrap();
        for r in removed {
            assert!(!r["reason"].as_str().unwrap().is_empty());
        }
        for b in g
            .get("boilerplate_lines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let b = norm(b.as_str().unwrap());
            let bare = |l: &str| norm(l.trim_start_matches(['-', '•', ' ']));
            assert!(
                !text.lines().any(|l| bare(l) == bare(&b)),
                "{file}: boilerplate line '{b}' left"
            );
            if b.len() >= 12 {
                assert!(!norm(text).contains(&b), "{file}: boilerplate '{b}' left");
            }
            assert!(
                removed
                    .iter()
                    .any(|r| bare(r["text"].as_str().unwrap()) == bare(&b)),
                "{file}: '{b}' not listed among the removals"
            );
        }
    }
}

#[test]
fn every_gold_quote_survives_cleaning() {
    let Some(run) = Run::load() else { return };
    let all: String = run
        .articles()
        .iter()
        .map(|a| norm(a["text"].as_str().unwrap()))
        .collect::<Vec<_>>()
        .join("\n");
    for q in run.gold["quotes"].as_array().unwrap() {
        let t = norm(q["text"].as_str().unwrap());
        assert!(all.contains(&t), "quote lost in cleaning: {t}");
    }
}

/// Entities of the story a gold entry belongs to (kremlin-talks or german-spy-chief).
fn story_entities<'a>(run: &'a Run, gold_story: &str) -> &'a Vec<Value> {
    let member = run.gold["stories"][gold_story]["members"][0]
        .as_str()
        .unwrap();
    let a = match member.strip_suffix("#appended") {
        Some(f) => run.article(f, 2),
        None => run.article(member, 1),
    };
    let s = run.dossier["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["story"] == a["story"] || s["id"] == a["story"])
        .unwrap();
    s["entities"].as_array().unwrap()
}

fn names_of(e: &Value) -> Vec<String> {
    let mut v = vec![norm(e["name"].as_str().unwrap())];
    v.extend(
        e["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| norm(a.as_str().unwrap())),
    );
    v
}

#[test]
fn every_gold_person_is_one_entity_with_its_roles() {
    let Some(run) = Run::load() else { return };
    for p in run.gold["people"].as_array().unwrap() {
        let names: Vec<String> = p["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| norm(n.as_str().unwrap()))
            .collect();
        let ents = story_entities(&run, p["story"].as_str().unwrap());
        let matching: Vec<&Value> = ents
            .iter()
            .filter(|e| e["kind"] == "person" && names_of(e).iter().any(|n| names.contains(n)))
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "{names:?} should be exactly one person, found {matching:#?}"
        );
        let e = matching[0];
        for n in &names {
            assert!(
                names_of(e).contains(n) || !ents.iter().any(|o| names_of(o).contains(n)),
                "{n} split from {}",
                e["name"]
            );
        }
        let roles: Vec<String> = e["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| norm(r.as_str().unwrap()))
            .collect();
        for r in p["roles"].as_array().unwrap() {
            let r = norm(r.as_str().unwrap());
            assert!(
                roles.iter().any(|x| x.contains(&r)),
                "{}: role {r} not in {roles:?}",
                e["name"]
            );
        }
    }
}

#[test]
fn no_gold_non_person_is_a_person() {
    let Some(run) = Run::load() else { return };
    let people: Vec<String> = run.dossier["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["entities"].as_array().unwrap())
        .filter(|e| e["kind"] == "person")
        .flat_map(names_of)
        .collect();
    for n in run.gold["not_people"].as_array().unwrap() {
        let n = norm(n.as_str().unwrap());
        assert!(!people.contains(&n), "{n} was taken for a person");
    }
}

/// Every gold place and organisation is found in the Kremlin-talks story with its kind; the
/// misses are printed.
#[test]
fn gold_places_and_organisations_are_found() {
    let Some(run) = Run::load() else { return };
    let ents = story_entities(&run, "kremlin-talks");
    let mut found = 0;
    let mut missing = Vec::new();
    for (list, kind) in [("places", "place"), ("organizations", "organization")] {
        for n in run.gold[list].as_array().unwrap() {
            let n = norm(n.as_str().unwrap());
            if ents
                .iter()
                .any(|e| e["kind"] == kind && names_of(e).contains(&n))
            {
                found += 1;
            } else {
                missing.push(format!("{n} ({kind})"));
            }
        }
    }
    println!("gold places and organisations found: {found}; missing: {missing:?}");
    assert!(missing.is_empty(), "found {found}, missing {missing:?}");
}

/// Every gold quote is found, inside one quote of its story, with the right speaker (the
/// speaker matches when it is one of the gold person's names, or that entity's canonical name).
#[test]
fn every_gold_quote_has_its_speaker() {
    let Some(run) = Run::load() else { return };
    let stories = run.dossier["stories"].as_array().unwrap();
    for g in run.gold["quotes"].as_array().unwrap() {
        let text = norm(g["text"].as_str().unwrap());
        let speaker = g["speaker"].as_str().unwrap();
        let person = run.gold["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["names"].as_array().unwrap().iter().any(|n| n == speaker))
            .expect("gold speakers are gold people");
        let names: Vec<String> = person["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| norm(n.as_str().unwrap()))
            .collect();
        let found: Vec<&Value> = stories
            .iter()
            .flat_map(|s| s["quotes"].as_array().unwrap())
            .filter(|q| norm(q["text"].as_str().unwrap()).contains(&text))
            .collect();
        assert!(!found.is_empty(), "quote not found: {text}");
        assert!(
            found.iter().any(|q| q["speaker"]
                .as_str()
                .is_some_and(|s| names.contains(&norm(s)))),
            "quote '{text}' attributed to {:?}, not {speaker}",
            found.iter().map(|q| &q["speaker"]).collect::<Vec<_>>()
        );
    }
}

/// The Kremlin-talks story (the story of the first gold member).
fn kremlin_story(run: &Run) -> &Value {
    let member = run.gold["stories"]["kremlin-talks"]["members"][0]
        .as_str()
        .unwrap();
    let a = run.article(member, 1);
    run.dossier["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == a["story"])
        .unwrap()
}

/// Every gold event is one event of its story on the gold date, whose sentence names one of
/// the gold keywords and which every gold source reports (undated articles included: their
/// dates come from the dates they mention, or from the other reports of the same event).
#[test]
fn every_gold_event_is_dated_and_reported_by_its_sources() {
    let Some(run) = Run::load() else { return };
    let story = kremlin_story(&run);
    let events = story["events"].as_array().unwrap();
    for g in run.gold["events"].as_array().unwrap() {
        let date = g["date"].as_str().unwrap();
        let keywords: Vec<String> = g["keywords"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| norm(k.as_str().unwrap()))
            .collect();
        let sources: Vec<&str> = g["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| run.article(s.as_str().unwrap(), 1)["id"].as_str().unwrap())
            .collect();
        let found = events.iter().find(|e| {
            e["date"] == date
                && keywords
                    .iter()
                    .any(|k| norm(e["text"].as_str().unwrap()).contains(k))
                && sources
                    .iter()
                    .all(|s| e["articles"].as_array().unwrap().iter().any(|a| a == s))
        });
        assert!(
            found.is_some(),
            "no event on {date} about {keywords:?} reported by {sources:?}; events on that date: {:#?}",
            events
                .iter()
                .filter(|e| e["date"] == date)
                .collect::<Vec<_>>()
        );
    }
}

/// The story's timeline runs over more than five days, so its dossier has key dates: the five
/// days most articles date something on, in date order, each told by reports of the story that
/// cite its articles (the text of each found in the first article cited), no report told on two
/// days when the day has another.
#[test]
fn key_dates_are_the_most_reported_days_and_cite_their_articles() {
    let Some(run) = Run::load() else { return };
    let story = kremlin_story(&run);
    let key = story["key_dates"].as_array().expect("key dates");
    assert_eq!(key.len(), 5);
    let dates: Vec<&str> = key.iter().map(|k| k["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    // how many articles date something on each day, from the timeline itself
    let mut per_day: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        Default::default();
    for e in story["events"].as_array().unwrap() {
        if e["precision"] == "day" {
            let day = per_day.entry(e["date"].as_str().unwrap()).or_default();
            day.extend(
                e["articles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap()),
            );
        }
    }
    assert!(per_day.len() > 5);
    let least_chosen = key
        .iter()
        .map(|k| k["reports"].as_u64().unwrap())
        .min()
        .unwrap();
    for k in key {
        let day = k["date"].as_str().unwrap();
        assert_eq!(
            k["reports"].as_u64().unwrap() as usize,
            per_day[day].len(),
            "{day}"
        );
    }
    let left_out = per_day
        .iter()
        .filter(|(d, _)| !dates.contains(d))
        .map(|(_, a)| a.len() as u64)
        .max()
        .unwrap();
    assert!(
        left_out <= least_chosen,
        "a day left out is dated by more articles"
    );
    let members: Vec<&Value> = story["articles"].as_array().unwrap().iter().collect();
    let mut told = std::collections::HashMap::new();
    for k in key {
        let reports = k["events"].as_array().unwrap();
        assert!(!reports.is_empty() && reports.len() <= 2, "{k:#?}");
        for r in reports {
            let text = r["text"].as_str().unwrap();
            let cited = r["articles"].as_array().unwrap();
            assert!(!cited.is_empty() && cited.iter().all(|a| members.contains(&a)));
            let first = run.dossier["articles"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["id"] == cited[0])
                .unwrap();
            assert!(
                norm(first["text"].as_str().unwrap()).contains(&norm(text)),
                "{text}"
            );
            *told.entry(text).or_insert(0) += 1;
        }
    }
    assert!(
        told.values().all(|&n| n == 1),
        "a report told on two days: {told:?}"
    );
}

/// Every gold position is a position of its party whose text names one of the gold keywords.
#[test]
fn every_gold_position_is_attributed_to_its_party() {
    let Some(run) = Run::load() else { return };
    let story = kremlin_story(&run);
    let positions = story["positions"].as_array().unwrap();
    for g in run.gold["positions"].as_array().unwrap() {
        let party = g["party"].as_str().unwrap();
        let keywords: Vec<String> = g["keywords"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| norm(k.as_str().unwrap()))
            .collect();
        let found = positions.iter().any(|p| {
            p["party"] == party
                && keywords
                    .iter()
                    .any(|k| norm(p["text"].as_str().unwrap()).contains(k))
        });
        assert!(
            found,
            "{party}: no position about {keywords:?} ({}); {party}'s positions: {:#?}",
            g["issue"],
            positions
                .iter()
                .filter(|p| p["party"] == party)
                .map(|p| &p["text"])
                .collect::<Vec<_>>()
        );
    }
}

/// The gold facts across outlets: the meeting's length reported compatibly ("five-hour", "over
/// four hours"), the plan's size changed (28 points, later 27), Trump's office in conflict with
/// the one article that says "former" marked as the odd one out, the two nights' drone counts
/// not a conflict, and the single-source figures kept as such.
#[test]
fn gold_facts_are_grouped_and_related() {
    let Some(run) = Run::load() else { return };
    let story = kremlin_story(&run);
    let facts = story["facts"].as_array().unwrap();
    let id = |file: &str| run.article(file, 1)["id"].as_str().unwrap().to_string();
    let articles_of = |f: &Value| -> Vec<String> {
        f["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["article"].as_str().unwrap().to_string())
            .collect()
    };
    let says = |f: &Value, text: &str| {
        f["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| norm(r["text"].as_str().unwrap()).contains(&norm(text)))
    };
    for g in run.gold["facts"].as_array().unwrap() {
        let relation = g["relation"].as_str().unwrap();
        let reports = g["reports"].as_array().unwrap();
        let files: Vec<String> = reports
            .iter()
            .map(|r| id(r["file"].as_str().unwrap()))
            .collect();
        let kind = relation.split(':').next().unwrap();
        match kind {
            "compatible" | "change over time" => {
                let want = if kind == "compatible" {
                    "compatible"
                } else {
                    "changed"
                };
                let found = facts.iter().any(|f| {
                    f["relation"] == want && files.iter().all(|a| articles_of(f).contains(a))
                });
                assert!(
                    found,
                    "no {want} fact reported by {files:?} ({})",
                    g["about"]
                );
            }
            "conflict" => {
                let odd = id(reports[0]["file"].as_str().unwrap());
                let found = facts
                    .iter()
                    .find(|f| f["relation"] == "conflict" && articles_of(f).contains(&odd));
                let f = found.unwrap_or_else(|| panic!("no conflict about {}", g["about"]));
                assert!(articles_of(f).len() >= 3, "{f:#}");
                for r in f["reports"].as_array().unwrap() {
                    assert_eq!(r["odd"] == true, r["article"] == odd.as_str(), "{f:#}");
                }
            }
            "different nights" => {
                // the counts of each report ("111", "138")
                let counts: Vec<String> = reports
                    .iter()
                    .filter_map(|r| {
                        r["says"]
                            .as_str()
                            .unwrap()
                            .split_whitespace()
                            .rfind(|w| w.chars().all(|c| c.is_ascii_digit()))
                            .map(str::to_string)
                    })
                    .collect();
                let both = facts.iter().any(|f| {
                    f["relation"] == "conflict"
                        && files.iter().all(|a| articles_of(f).contains(a))
                        && counts.iter().all(|c| says(f, c))
                });
                assert!(!both, "different nights' counts taken for a conflict");
            }
            "single source" => {
                for r in reports {
                    let text = r["says"].as_str().unwrap();
                    // the gold quotes the phrase; the figure is its number part
                    let figure = text
                        .split_whitespace()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let found = facts.iter().any(|f| {
                        f["relation"] == "single-source"
                            && (says(f, text)
                                || says(f, &figure)
                                || says(f, text.split(' ').next().unwrap()))
                    });
                    assert!(found, "single-source figure {text} not kept");
                }
            }
            other => panic!("unknown gold relation {other}"),
        }
    }
}

/// The brief of the sample story: five to eight sentences, none from page furniture, each
/// citing articles of the story whose text says it (most of its words in one of the cited
/// article's paragraphs), no two alike, and the gold conflict named, citing the odd article.
#[test]
fn brief_sentences_cite_their_articles_and_name_the_conflict() {
    let Some(run) = Run::load() else { return };
    let story = kremlin_story(&run);
    let brief = story["brief"].as_array().unwrap();
    assert!((5..=8).contains(&brief.len()), "{brief:#?}");
    let members: Vec<&str> = story["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let words = |s: &str| -> std::collections::HashSet<String> {
        norm(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(str::to_string)
            .collect()
    };
    let mut seen: Vec<String> = Vec::new();
    for b in brief {
        let text = b["text"].as_str().unwrap();
        let cited = b["articles"].as_array().unwrap();
        assert!(!cited.is_empty(), "uncited: {text}");
        assert!(!seen.contains(&norm(text)), "said twice: {text}");
        seen.push(norm(text));
        for id in cited {
            let id = id.as_str().unwrap();
            assert!(members.contains(&id), "{id} is not in the story");
            if text.starts_with("Outlets disagree") {
                continue;
            }
            let article = run.articles().iter().find(|a| a["id"] == id).unwrap();
            let want = words(text);
            let best = article["text"]
                .as_str()
                .unwrap()
                .lines()
                .map(|p| words(p).intersection(&want).count())
                .max()
                .unwrap_or(0);
            assert!(best * 2 >= want.len(), "{id} does not say: {text}");
        }
    }
    // The conflict of the gold, named and citing its odd article.
    let conflict = run.gold["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["relation"].as_str().unwrap().starts_with("conflict"))
        .unwrap();
    let odd = run.article(conflict["reports"][0]["file"].as_str().unwrap(), 1)["id"]
        .as_str()
        .unwrap();
    assert!(
        brief.iter().any(|b| {
            b["text"].as_str().unwrap().starts_with("Outlets disagree")
                && b["articles"].as_array().unwrap().iter().any(|a| a == odd)
        }),
        "{brief:#?}"
    );
}
