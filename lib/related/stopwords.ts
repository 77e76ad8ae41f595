/**
 * English function words and filler common in tickets and manuals. They carry no topic, and
 * dropping them keeps postings short (they would be the longest lists in the index).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing done down during each either else etc few ' +
    'for from further had has have having he her here hers herself him himself his how however i if in ' +
    'into is it its itself just let like may me might more most must my myself neither no nor not now ' +
    'of off on once one only or other our ours ourselves out over own per same shall she should since ' +
    'so some such than that the their theirs them themselves then there these they this those though ' +
    'through to too under until up upon us use used using very via was we were what when where whether ' +
    'which while who whom whose why will with within without would yet you your yours yourself ' +
    'yourselves eg ie e.g i.e cannot can\'t don\'t won\'t isn\'t'
  ).split(' '),
);
