/**
 * Evaluation sets written for this book's corpora (not published benchmarks): analogy questions
 * in the style of Mikolov et al. (2013)'s questions-words.txt, restricted to relations the
 * corpus can show, and word pairs with similarity judgements assigned by the book's authors on a
 * 0-10 scale (WordSim-353's scale: 10 = same meaning, 0 = unrelated; related antonyms such as
 * war / peace sit in the middle because they share contexts). Every word occurs at least 5 times
 * in its corpus as tokenized by `lmSentences` (checked by tests/unit/nlp/embeddings.corpus.test.ts),
 * so a model with min count <= 5 covers the whole set.
 */
import type { AnalogyQuestion, EvaluationSet, SimilarityPair } from './evaluate';

/**
 * Analogy questions from word pairs of one relation, each pair asked against the next (cyclically):
 * pairs (a1, b1), (a2, b2), ... give "a1 : b1 :: a2 : b2", "a2 : b2 :: a3 : b3", ...,
 * "an : bn :: a1 : b1", so n pairs make n questions and every pair is both the example and the
 * answer once. (questions-words.txt pairs every pair with every other, n (n - 1) questions.)
 *
 * @throws RangeError with fewer than 2 pairs.
 */
export function analogyQuestionsFromPairs(
  family: string,
  pairs: readonly (readonly [string, string])[],
): AnalogyQuestion[] {
  if (pairs.length < 2) {
    throw new RangeError(`analogyQuestionsFromPairs: "${family}" needs at least 2 pairs.`);
  }
  return pairs.map(([a, b], i) => {
    const [c, expected] = pairs[(i + 1) % pairs.length];
    return { family, a, b, c, expected };
  });
}

type Pairs = readonly (readonly [string, string])[];
const pairsOf = (s: string): Pairs =>
  s
    .trim()
    .split(/\s*,\s*/)
    .map((p) => p.split(/\s+/) as [string, string]);
const judged = (s: string): SimilarityPair[] =>
  s
    .trim()
    .split(/\s*,\s*/)
    .map((t) => {
      const [w1, w2, score] = t.split(/\s+/);
      return { w1, w2, score: Number(score) };
    });

/** State of the Union relations: pairs per family (9 families x 8 pairs = 72 questions). */
const SOTU_FAMILIES: Record<string, Pairs> = {
  // questions-words.txt "gram2-opposite": negating prefix.
  opposite: pairsOf(`possible impossible, legal illegal, necessary unnecessary, able unable,
    fair unfair, just unjust, employment unemployment, constitutional unconstitutional`),
  // "gram8-plural".
  plural: pairsOf(`nation nations, state states, year years, program programs, tax taxes,
    child children, country countries, treaty treaties`),
  // "gram7-past-tense" (present -> past), regular and irregular.
  'past-tense': pairsOf(`increase increased, provide provided, pass passed, reduce reduced,
    say said, take took, give gave, become became`),
  // "gram6-nationality-adjective".
  'nationality-adjective': pairsOf(`america american, mexico mexican, britain british,
    france french, spain spanish, china chinese, japan japanese, cuba cuban`),
  // "gram1-adjective-to-adverb".
  'adjective-to-adverb': pairsOf(`free freely, full fully, clear clearly, recent recently,
    immediate immediately, equal equally, direct directly, effective effectively`),
  // Not in questions-words.txt: the nation -> national morphology of political prose.
  'noun-to-adjective': pairsOf(`nation national, constitution constitutional,
    education educational, industry industrial, agriculture agricultural, commerce commercial,
    congress congressional, economy economic`),
  // "gram4-superlative"'s sibling, comparatives ("gram3-comparative").
  comparative: pairsOf(`great greater, large larger, strong stronger, high higher, low lower,
    small smaller, long longer, old older`),
  // "family" (questions-words.txt): male -> female.
  gender: pairsOf(`man woman, men women, he she, his her, father mother, son daughter,
    boys girls, king queen`),
  // Not in questions-words.txt: cardinal -> ordinal ("second" is also a unit of time).
  ordinal: pairsOf(`one first, two second, three third, four fourth, five fifth, six sixth,
    seven seventh, ten tenth`),
};

/**
 * The State of the Union set (233 addresses, 1790-2021): 72 analogy questions in 9 families and
 * 50 judged pairs. Words checked against the corpus at min count 5.
 */
export const SOTU_EVALUATION_SET: EvaluationSet = {
  name: 'State of the Union',
  description:
    'Written for the State of the Union corpus by the book: analogy questions in 9 families ' +
    '(opposite, plural, past tense, nationality, adverb, noun-to-adjective, comparative, gender, ' +
    'ordinal) and similarity judgements on a 0-10 scale assigned by the authors, not a published set.',
  analogies: Object.entries(SOTU_FAMILIES).flatMap(([f, p]) => analogyQuestionsFromPairs(f, p)),
  similarity: judged(`
    freedom liberty 9.5, soldiers troops 9, currency money 9, treaty agreement 8.5,
    jobs employment 8.5, war conflict 8.5, judges courts 8, taxes revenue 8, revenue income 8,
    congress senate 8, school education 8, gold silver 8, workers labor 8, indians tribes 8,
    science technology 8, mail postal 8, debt deficit 7.5, army navy 7.5, health medical 7.5,
    farmers agriculture 7.5, oil energy 7.5, navy ships 7.5, tariff duties 7.5, inflation prices 7,
    hospitals doctors 7, germany france 7, nuclear weapons 7, court justice 7, january december 7,
    teachers students 6.5, children families 6.5, canada mexico 6.5, railroads canals 6.5,
    banks currency 6.5, economy prosperity 6, crime police 6, poverty hunger 6,
    unemployment inflation 5.5, crime drugs 5.5, war peace 5, rich poor 4, enemies allies 4,
    president citizens 3, slavery freedom 3, army budget 2.5, coal freedom 1, children navy 1,
    river taxes 0.5, ships justice 0.5, wheat constitution 0.5`),
};

const MOBY_FAMILIES: Record<string, Pairs> = {
  plural: pairsOf(`whale whales, ship ships, boat boats, man men, sailor sailors,
    harpoon harpoons, eye eyes, hand hands`),
  'past-tense': pairsOf(`see saw, come came, go went, take took, give gave, say said,
    know knew, stand stood`),
  gender: pairsOf(`he she, his her, king queen, father mother, boy girl`),
};

/**
 * A small Moby Dick set (the training chapters): 21 analogy questions in 3 families and 22
 * judged pairs. Words checked against the training text at min count 5.
 */
export const MOBY_DICK_EVALUATION_SET: EvaluationSet = {
  name: 'Moby Dick',
  description:
    'Written for Moby Dick by the book: analogy questions (plural, past tense, gender) and ' +
    'similarity judgements on a 0-10 scale assigned by the authors, not a published set.',
  analogies: Object.entries(MOBY_FAMILIES).flatMap(([f, p]) => analogyQuestionsFromPairs(f, p)),
  similarity: judged(`
    sailors seamen 9.5, sea ocean 9, whale leviathan 9, ship boat 7.5, harpoon lance 7.5,
    land shore 7.5, dark black 7, heaven god 7, whale fish 7, captain mate 6.5, water waves 6.5,
    sun moon 6, night day 5, whale oil 5, blood death 4.5, white black 4.5, wind sky 4,
    light dark 4, life death 4, harpoon heaven 1, oil night 0.5, bone sky 0.5`),
};
