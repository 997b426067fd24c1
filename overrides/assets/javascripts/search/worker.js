// The search worker, answering Material's messages from the index prepared at build time
// (generator/site/searchindex.py) instead of building one from every page's text in the reader's
// browser. What a query gets is what Material's own worker returns, scores included: matching and
// scoring are lunr's own Index.prototype.query over the parts of the index the query can match,
// and the steps around it are Material's Search.search (material.js). The first ten result groups,
// which Material shows before the reader scrolls, come with their text; when the rest needs more
// text to be downloaded, they follow in a second, complete answer to the same query.
/* global lunr, highlightAll, segment, transformSearchQuery, parseSearchQuery, getSearchQueryTerms, tokenize */
"use strict";

importScripts("../../vendor/lunr.min.js", "material.js");

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
const SHOWN = 10; // result groups Material renders before the reader scrolls
const K1 = 1.2, B = 0; // lunr's default k1; Material's b

// The first index of a sorted list whose entry is not below ``value`` (JavaScript's string order).
function lowerBound(list, value) {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// The run (shard or chunk) that holds entry ``i``, given where each run starts.
function runOf(starts, i) {
  return lowerBound(starts, i + 1) - 1;
}

class PreparedSearch {
  constructor(config, options, words, heads, fetchPart) {
    this.options = options;
    this.fetchPart = fetchPart;
    this.fields = Object.keys(config.fields);
    this.fieldBoosts = this.fields.map(name => config.fields[name].boost || 1);
    lunr.tokenizer.separator = new RegExp(config.separator);
    // Material's builder keeps lunr's English stemmer for queries, unless English is indexed without it.
    const pipeline = new lunr.Pipeline();
    if (!(config.lang.includes("en") && !config.pipeline.includes("stemmer"))) pipeline.add(lunr.stemmer);
    this.terms = words.terms;
    this.shards = words.shards;
    this.known = Object.create(null);
    for (const term of this.terms) this.known[term] = true;
    // Expansions of a query's words are looked up among the words of the shards loaded for it
    // (shardsFor holds every word a clause can expand to), so the word set grows with them.
    this.index = new lunr.Index({
      invertedIndex: Object.create(null),
      fieldVectors: Object.create(null),
      tokenSet: lunr.TokenSet.fromArray([]),
      fields: this.fields,
      pipeline,
    });
    this.loaded = [];
    // Material's setupSearchDocumentMap, with each page's path known from the stored addresses:
    // a number is the anchor of a section of the page named last (searchindex.py).
    this.docs = [];
    this.number = new Map();
    this.map = new Map();
    let page = "";
    heads.locations.forEach((entry, i) => {
      const relative = typeof entry === "number";
      const location = relative ? `${page}#${heads.anchors[entry]}` : entry;
      const path = relative ? page : location.split("#")[0];
      if (!relative) page = path;
      const doc = { location, title: heads.titles[heads.title_of[i]], text: "", parent: undefined };
      if (heads.tags && String(i) in heads.tags) doc.tags = heads.tags[String(i)];
      if (heads.boosts && String(i) in heads.boosts) doc.boost = heads.boosts[String(i)];
      this.docs.push(doc);
      this.number.set(doc, i);
      const article = this.map.get(path);
      if (typeof article === "undefined") this.map.set(path, doc);
      else { this.map.set(location, doc); doc.parent = article; }
    });
    this.chunks = heads.texts;
    this.hasText = new Uint8Array(this.docs.length);
    this.parts = new Map();
    this.tables = new Map();
  }

  part(name, use) {
    if (!this.parts.has(name)) {
      // A part that failed to arrive (a dropped connection) is asked for again by the next query.
      this.parts.set(name, this.fetchPart(name).then(use).catch(err => { this.parts.delete(name); throw err; }));
    }
    return this.parts.get(name);
  }

  // A posting shard becomes lunr's postings and the field vectors' entries for its words.
  addPostings(k, rows) {
    const { invertedIndex, fieldVectors } = this.index;
    rows.forEach(([number, ...fields], r) => {
      const posting = Object.create(null);
      posting._index = number;
      const sections = fields.map(gaps => {
        const out = [];
        for (let i = 0, doc = 0; i < gaps.length; i += 2) out.push([doc += gaps[i], gaps[i + 1]]);
        return out;
      });
      this.fields.forEach((name, f) => {
        posting[name] = Object.create(null);
        for (const [doc] of sections[f]) posting[name]["d" + doc] = Object.create(null);
      });
      const idf = lunr.idf(posting, this.docs.length);
      this.fields.forEach((name, f) => {
        for (const [doc, tf] of sections[f]) {
          // lunr's Builder.createFieldVectors, term by term.
          let score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B) + tf);
          score *= this.fieldBoosts[f];
          score *= this.docs[doc].boost || 1;
          const ref = name + "/d" + doc;
          (fieldVectors[ref] ||= new lunr.Vector()).insert(number, Math.round(score * 1000) / 1000);
        }
      });
      invertedIndex[this.terms[this.shards[k] + r]] = posting;
    });
    this.loaded[k] = true;
    this.words = undefined;
  }

  // The word set of the loaded shards, in the word list's order, as lunr.TokenSet.fromArray needs it.
  wordSet() {
    if (typeof this.words === "undefined") {
      const words = [];
      this.loaded.forEach((_, k) => { if (this.loaded[k]) words.push(...this.terms.slice(this.shards[k], this.shards[k + 1] ?? this.terms.length)); });
      this.index.tokenSet = lunr.TokenSet.fromArray(words);
      this.words = words;
    }
  }

  // The shards holding every word a query's clauses can expand to, as Index.prototype.query expands them.
  shardsFor(clauses) {
    const shards = new Set();
    const all = () => this.shards.forEach((_, k) => shards.add(k));
    for (const clause of clauses) {
      const terms = clause.usePipeline ? this.index.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      for (const term of terms) {
        const star = term.indexOf("*");
        const prefix = star === -1 ? term : term.slice(0, star);
        if ("editDistance" in clause || prefix === "") { all(); continue; }
        let end = lowerBound(this.terms, prefix);
        const first = end;
        while (end < this.terms.length && (star === -1 ? this.terms[end] === prefix : this.terms[end].startsWith(prefix))) end++;
        if (end > first) for (let k = runOf(this.shards, first); k <= runOf(this.shards, end - 1); k++) shards.add(k);
      }
    }
    return shards;
  }

  // Runs ``build`` on a lunr query as Index.prototype.query would, once its words' postings are here.
  async query(build) {
    const probe = new lunr.Query(this.fields);
    build.call(probe, probe);
    const shards = probe.isNegated() ? this.shards.map((_, k) => k) : [...this.shardsFor(probe.clauses)];
    await Promise.all(shards.map(k => this.part(`p${k}`, rows => this.addPostings(k, rows))));
    if (probe.isNegated()) this.completeVectors();
    this.wordSet();
    return this.index.query(build);
  }

  // A query of only excluded words lists every section in the order of lunr's field vectors, which
  // has one for every field of every section, in the order they were indexed.
  completeVectors() {
    if (this.complete) return;
    const vectors = Object.create(null);
    this.docs.forEach((_, i) => {
      for (const name of this.fields) vectors[`${name}/d${i}`] = this.index.fieldVectors[`${name}/d${i}`] || new lunr.Vector();
    });
    this.index.fieldVectors = vectors;
    this.complete = true;
  }

  // Material's Search.search up to its grouped, boosted result; highlighting waits for the text.
  async rank(query) {
    const clauses = parseSearchQuery(query).filter(clause => clause.presence !== lunr.Query.presence.PROHIBITED);
    const matches = await this.query(function (q) { new lunr.QueryParser(query, q).parse(); });
    const groups = matches
      .reduce((items, { ref, score, matchData }) => {
        const doc = this.map.get(this.docs[+ref.slice(1)].location);
        if (typeof doc !== "undefined") {
          const terms = getSearchQueryTerms(clauses, Object.keys(matchData.metadata));
          const boost = +!doc.parent + Object.values(terms).filter(t => t).length / Object.keys(terms).length;
          items.push({ doc, score: score * (1 + boost ** 2), terms, metadata: matchData.metadata });
        }
        return items;
      }, [])
      .sort((a, b) => b.score - a.score)
      .reduce((items, result) => {
        const doc = this.map.get(result.doc.location);
        if (typeof doc !== "undefined") {
          const ref = doc.parent ? doc.parent.location : doc.location;
          items.set(ref, [...items.get(ref) || [], result]);
        }
        return items;
      }, new Map());
    for (const [ref, items] of groups)
      if (!items.find(item => item.doc.location === ref)) items.push({ doc: this.map.get(ref), score: 0, terms: {}, metadata: {} });
    let suggest;
    if (this.options.suggest) {
      const titles = await this.query(function (builder) {
        for (const clause of clauses)
          builder.term(clause.term, { fields: ["title"], presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING });
      });
      suggest = titles.length ? Object.keys(titles[0].matchData.metadata) : [];
    }
    return { groups: [...groups.values()], suggest };
  }

  loadText(groups) {
    const chunks = new Set();
    for (const items of groups)
      for (const { doc } of items) if (doc && !this.hasText[this.number.get(doc)]) chunks.add(runOf(this.chunks, this.number.get(doc)));
    return Promise.all([...chunks].map(k => this.part(`t${k}`, texts => texts.forEach((text, j) => {
      const i = this.chunks[k] + j;
      this.docs[i].text = text;
      this.hasText[i] = 1;
    }))));
  }

  // A field's words and position table, which do not depend on the query: Material keeps them from
  // indexing, this worker from the first query that shows the section.
  tokens(doc, field, value) {
    const key = `${field}/${this.number.get(doc)}`;
    let found = this.tables.get(key);
    if (typeof found === "undefined") this.tables.set(key, found = tokenize(value));
    return found;
  }

  // One result as Material's worker returns it: the section, its fields highlighted where words matched.
  item({ doc, score, terms, metadata }) {
    if (typeof doc === "undefined") return { score, terms }; // Material's too, for a page listed after its own section
    const { parent, ...copy } = doc; // eslint-disable-line no-unused-vars -- the page never reads it
    if (copy.tags) copy.tags = [...copy.tags];
    const loaded = this.hasText[this.number.get(doc)];
    if (!loaded) copy.text = "";
    for (const field of this.index.fields) {
      if (typeof copy[field] === "undefined" || (field === "text" && !loaded)) continue;
      const matched = new Set(Object.keys(metadata).filter(term => typeof metadata[term][field] !== "undefined"));
      if (!matched.size) continue;
      const { table, words } = this.tokens(doc, field, copy[field]);
      const positions = words.filter(([word]) => matched.has(word)).map(([, position]) => position);
      if (!positions.length) continue;
      const value = highlightAll(Array.isArray(copy[field]) ? copy[field] : [copy[field]], table, positions, field !== "text");
      copy[field] = Array.isArray(copy[field]) ? value : value.pop();
    }
    return { ...copy, score, terms };
  }

  result(groups, suggest) {
    return { items: groups.map(items => items.map(item => this.item(item))), ...typeof suggest !== "undefined" && { suggest } };
  }

  // Answers a query: once, or first with the text of the groups shown and then complete.
  async search(raw, reply) {
    let query = raw.replace(/\p{sc=Han}+/gu, value => [...segment(value, this.known)].join("* "));
    query = transformSearchQuery(query);
    if (!query) return reply({ items: [] });
    const { groups, suggest } = await this.rank(query);
    await this.loadText(groups.slice(0, SHOWN));
    if (groups.slice(SHOWN).some(items => items.some(({ doc }) => doc && !this.hasText[this.number.get(doc)]))) {
      reply(this.result(groups, suggest));
      await this.loadText(groups.slice(SHOWN));
    }
    reply(this.result(groups, suggest));
  }
}

const FOLDER = "handbook"; // searchindex.FOLDER
function fetchJSON(url, init) {
  return fetch(url, init).then(response => {
    if (!response.ok) throw new Error(`search index: ${response.status} for ${url}`);
    return response.json();
  });
}

// The word list and the sections' addresses are needed before any answer, so they are fetched as the
// worker starts, not once Material's page has fetched search_index.json and sent its settings. They
// are revalidated, and name their version: one that does not match the settings is fetched again.
const early = ["terms", "docs"].map(name =>
  fetchJSON(new URL(`../../../search/${FOLDER}/${name}.json`, self.location), { cache: "no-cache" }).catch(() => null));

async function setup({ config, options }) {
  const { folder } = config.prepared;
  const base = new URL(`../../../search/${folder}/`, self.location);
  let [words, heads] = folder === FOLDER ? await Promise.all(early) : [null, null];
  if (!words || !heads || words.version !== heads.version) {
    const settings = config.prepared.version;
    [words, heads] = await Promise.all(["terms", "docs"].map(name => fetchJSON(new URL(`${name}.json?v=${settings}`, base))));
  }
  // The parts are those of the word list's version, which was revalidated: the page's copy of
  // search_index.json may be older (a browser's heuristic cache), and servers ignore ?v=.
  if (words.version !== heads.version) throw new Error("search index: its parts changed while loading; reload the page");
  const fetchPart = name => fetchJSON(new URL(`${name}.json?v=${words.version}`, base));
  return new PreparedSearch(config, options, words, heads, fetchPart);
}

let ready;
let latest = 0;
addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    ready = setup(message.data);
    ready.then(() => postMessage({ type: READY }), err => console.warn("search index could not be loaded", err));
  } else if (message.type === QUERY) {
    // Only the latest query is answered: an earlier one that finishes later would replace its results.
    const ticket = ++latest;
    const reply = data => { if (ticket === latest) postMessage({ type: RESULT, data }); };
    ready.then(search => search.search(message.data, reply)).catch(err => {
      console.warn(`Invalid query: ${message.data} – see https://bit.ly/2s3ChXG`);
      console.warn(err);
      reply({ items: [] });
    });
  }
});
