//! A memo of answers with a cap: the type behind the per-thread caches of dossier's hot paths
//! (a word's stem, its NER feature rows, the party a name stands for). News repeats its words,
//! so remembering an answer pays; a thread that reads millions of articles must not remember
//! without end, so a full memo forgets everything at once and starts afresh (cheaper than
//! tracking what was used last, and the words that matter come back at once).
//!
//! Each user keeps one in a `thread_local!`, beside whatever else it needs (a stemmer, the id
//! of the model the answers came from); the memo holds no lock and is not shared.

use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::hash::Hash;

/// Answers by key, at most `cap` of them.
pub struct Memo<K, V> {
    known: FxHashMap<K, V>,
    cap: usize,
}

impl<K: Hash + Eq, V> Memo<K, V> {
    /// An empty memo that forgets all it holds when it reaches `cap` answers.
    pub fn new(cap: usize) -> Self {
        Memo {
            known: FxHashMap::default(),
            cap,
        }
    }

    /// The answer remembered for `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.known.get(key)
    }

    /// Remembers `value` for `key`, forgetting everything else first when the memo is full.
    pub fn insert(&mut self, key: K, value: V) {
        if self.known.len() >= self.cap {
            self.known.clear();
        }
        self.known.insert(key, value);
    }

    /// Forgets everything (the answers' source changed).
    pub fn clear(&mut self) {
        self.known.clear();
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_remembered_up_to_the_cap_then_forgotten_at_once() {
        let mut stems: Memo<String, String> = Memo::new(3);
        for word in ["talks", "talked", "talking"] {
            stems.insert(word.to_string(), "talk".to_string());
        }
        assert_eq!(stems.get("talked").map(String::as_str), Some("talk"));
        assert_eq!(stems.len(), 3);
        // The fourth answer finds the memo full: the others go, the new one stays.
        stems.insert("ministers".to_string(), "minist".to_string());
        assert_eq!(stems.len(), 1);
        assert_eq!(stems.get("talks"), None);
        assert_eq!(stems.get("ministers").map(String::as_str), Some("minist"));
        // The answers' source changed: all go.
        stems.clear();
        assert!(stems.is_empty());
    }
}
