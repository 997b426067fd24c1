// Search queries for handbooks that mix Chinese and Latin text. Material's search worker reads
// the query as typed, and three things go wrong before it is matched (Material 9 has no query
// hook, so the query message is rewritten on its way to the worker):
// - A Latin word written against Chinese (FBA物流主管, A/B测试) stays one term that no index
//   word starts with, and finds nothing. A space is put between them.
// - Material cuts a Chinese run into words of its index, but never tries the run's last word
//   whole: 跟卖 became 跟* and listed every page with 跟. A sentinel that no index holds (a CJK
//   radical) ends each run, so the real last word is cut whole; the sentinel itself is never
//   a word, and if Material fixes the cut it is simply dropped.
// - Every term is matched as a word prefix, and lunr skips stemming for such terms, so
//   "reporting" could not find "reports". Each English word is also sent as its Porter stem
//   (report), which as a prefix finds every form; the word itself stays, because a stem is not
//   always a prefix (policy → polici). Acronyms (ACoS, KOL) and terms written with lunr's
//   operators (-reporting excludes, title:x names a field) are left as typed.
import { stemmer } from "../vendor/stemmer.js";

const QUERY = 2; // Material's message type for a query (SearchMessageType.QUERY)
const han = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const latinThenHan = new RegExp(`([A-Za-z0-9])(?=[${han}])`, "g");
const hanThenLatin = new RegExp(`([${han}])(?=[A-Za-z0-9])`, "g");
const hanRun = new RegExp(`[${han}]+`, "g");
const word = /^[A-Za-z]{3,}$/;
const acronym = /[A-Z].*[A-Z]/;
const SENTINEL = "\u2e80";

export function normalise(query) {
  const stems = [];
  for (const term of query.split(/\s+/)) {
    if (!word.test(term) || acronym.test(term)) continue; // operators (+ - : ~ ^), acronyms, mixed text
    const stem = stemmer(term.toLowerCase());
    if (stem !== term.toLowerCase() && stem.length > 1) stems.push(stem);
  }
  const spaced = query.replace(latinThenHan, "$1 ").replace(hanThenLatin, "$1 ").replace(hanRun, (run) => run + SENTINEL);
  return [spaced, ...stems].join(" ");
}

const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === QUERY && typeof message.data === "string") {
    message = { ...message, data: normalise(message.data) };
  }
  return post.call(this, message, ...rest);
};
