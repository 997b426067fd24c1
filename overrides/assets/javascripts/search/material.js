// Material 9's search functions (src/templates/assets/javascripts/integrations/search, MIT, © Martin
// Donath), ported as they are, for the worker beside this file (worker.js): it must cut, match and
// highlight words exactly as Material's worker does, which keeps them in its closure. Changes are
// only what a plain script needs: no types, and tokenize returns the position table it fills.
/* global lunr */
/* exported highlightAll, segment, transformSearchQuery, parseSearchQuery, getSearchQueryTerms, tokenize */
"use strict";

// Material's extract (internal/extract): text and tags of a field, with the block each is in.
function extract(input, fn) {
  let block = 0, start = 0, end = 0;
  for (let stack = 0; end < input.length; end++) {
    if (input.charAt(end) === "<" && end > start) {
      fn(block, 1, start, start = end);
    } else if (input.charAt(end) === ">") {
      if (input.charAt(start + 1) === "/") {
        if (--stack === 0) fn(block++, 2, start, end + 1);
      } else if (input.charAt(end - 1) !== "/") {
        if (stack++ === 0) fn(block, 0, start, end + 1);
      }
      start = end + 1;
    }
  }
  if (end > start) fn(block, 1, start, end);
}

// Material's split (internal/_).
function split(input, separator, fn) {
  separator = new RegExp(separator, "g");
  let match, index = 0;
  do {
    match = separator.exec(input);
    const until = match?.index ?? input.length;
    if (index < until) fn(index, until);
    if (match) {
      const [term] = match;
      index = match.index + term.length;
      if (term.length === 0) separator.lastIndex = match.index + 1;
    }
  } while (match);
}

// Material's tokenize (internal/tokenize), returning the position table it builds beside the words.
function tokenize(input) {
  const table = [], words = [];
  for (const value of Array.isArray(input) ? input : [input]) {
    const total = table.length;
    extract(value, (block, type, start, end) => {
      table[block += total] ||= [];
      if (type !== 1) {
        table[block].push(start << 12 | end - start << 2 | type);
        return;
      }
      const section = value.slice(start, end);
      split(section, lunr.tokenizer.separator, (index, until) => {
        table[block].push(start + index << 12 | until - index << 2 | type);
        words.push([section.slice(index, until).toLowerCase(), block << 20 | table[block].length - 1]);
      });
    });
  }
  return { table, words };
}

// Material's highlightAll (internal/highlight).
function highlightAll(inputs, table, positions, full = false) {
  const mapping = [0];
  for (let t = 1; t < table.length; t++) {
    const prev = table[t - 1], next = table[t];
    const p = prev[prev.length - 1] >>> 2 & 0x3FF, q = next[0] >>> 12;
    mapping.push(+(p > q) + mapping[mapping.length - 1]);
  }
  return inputs.map((input, i) => {
    let cursor = 0;
    const blocks = new Map();
    for (const p of positions.sort((a, b) => a - b)) {
      const index = p & 0xFFFFF, block = p >>> 20;
      if (mapping[block] !== i) continue;
      let group = blocks.get(block);
      if (typeof group === "undefined") blocks.set(block, group = []);
      group.push(index);
    }
    if (blocks.size === 0) return input;
    const slices = [];
    for (const [block, indexes] of blocks) {
      const t = table[block];
      const start = t[0] >>> 12, end = t[t.length - 1] >>> 12, length = t[t.length - 1] >>> 2 & 0x3FF;
      if (full && start > cursor) slices.push(input.slice(cursor, start));
      let slice = input.slice(start, end + length);
      for (const j of indexes.sort((a, b) => b - a)) {
        const p = (t[j] >>> 12) - start, q = (t[j] >>> 2 & 0x3FF) + p;
        slice = [slice.slice(0, p), "<mark>", slice.slice(p, q), "</mark>", slice.slice(q)].join("");
      }
      cursor = end + length;
      if (slices.push(slice) === 2) break;
    }
    if (full && cursor < input.length) slices.push(input.slice(cursor));
    return slices.join("");
  });
}

// Material's segment (query/segment): a Chinese run cut into words of the index.
function segment(query, index) {
  const segments = new Set();
  const wordcuts = new Uint16Array(query.length);
  for (let i = 0; i < query.length; i++)
    for (let j = i + 1; j < query.length; j++) if (query.slice(i, j) in index) wordcuts[i] = j - i;
  const stack = [0];
  for (let s = stack.length; s > 0;) {
    const p = stack[--s];
    for (let q = 1; q < wordcuts[p]; q++)
      if (wordcuts[p + q] > wordcuts[p] - q) {
        segments.add(query.slice(p, p + q));
        stack[s++] = p + q;
      }
    const q = p + wordcuts[p];
    if (wordcuts[q] && q < query.length - 1) stack[s++] = q;
    segments.add(query.slice(p, q));
  }
  if (segments.has("")) return new Set([query]);
  return segments;
}

// Material's transform (query/transform) and transformSearchQuery (query).
function transform(query, fn) {
  return query.trim()
    .split(/"([^"]+)"/g)
    .map((parts, index) => index & 1 ? parts.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : parts)
    .join("")
    .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
    .split(/\s+/g)
    .reduce((prev, term) => { const next = fn(term); return [...prev, ...Array.isArray(next) ? next : [next]]; }, [])
    .map(term => /([~^]$)/.test(term) ? `${term}1` : term)
    .map(term => /(^[+-]|[~^]\d+$)/.test(term) ? term : `${term}*`)
    .join(" ");
}

function transformSearchQuery(query) {
  return transform(query, part => {
    const terms = [];
    const lexer = new lunr.QueryLexer(part);
    lexer.run();
    for (const { type, str: term, start, end } of lexer.lexemes)
      switch (type) {
        case "FIELD":
          if (!["title", "text", "tags"].includes(term)) part = [part.slice(0, end), " ", part.slice(end + 1)].join("");
          break;
        case "TERM":
          split(term, lunr.tokenizer.separator, (...range) => {
            terms.push([part.slice(0, start), term.slice(...range), part.slice(end)].join(""));
          });
      }
    return terms;
  });
}

// Material's parseSearchQuery and getSearchQueryTerms (query).
function parseSearchQuery(value) {
  const query = new lunr.Query(["title", "text", "tags"]);
  new lunr.QueryParser(value, query).parse();
  for (const clause of query.clauses) {
    clause.usePipeline = true;
    if (clause.term.startsWith("*")) { clause.wildcard = lunr.Query.wildcard.LEADING; clause.term = clause.term.slice(1); }
    if (clause.term.endsWith("*")) { clause.wildcard = lunr.Query.wildcard.TRAILING; clause.term = clause.term.slice(0, -1); }
  }
  return query.clauses;
}

function getSearchQueryTerms(query, terms) {
  const clauses = new Set(query), result = {};
  for (let t = 0; t < terms.length; t++)
    for (const clause of clauses)
      if (terms[t].startsWith(clause.term)) { result[clause.term] = true; clauses.delete(clause); }
  for (const clause of clauses) if (lunr.stopWordFilter?.(clause.term)) result[clause.term] = false;
  return result;
}
