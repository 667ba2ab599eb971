/** One colour per topic (Tableau 10 up to 10 topics, then evenly around the sinebow). */
import { interpolateSinebow, schemeTableau10 } from 'd3';

export function topicColor(k: number, K: number): string {
  return K <= 10 ? schemeTableau10[k % 10] : interpolateSinebow(k / K);
}
