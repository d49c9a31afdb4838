/**
 * Words that carry no topic in a policy question: English function words,
 * question scaffolding ("how much", "am I allowed", "the longest I can"),
 * chat filler and contractions typed without their apostrophe ("im", "dont").
 */
export const stopwords = new Set(
  `a about above after again against all allowed am an and any anymore anyone anything are aren as ask at be because been
   before being below between both but by can cannot could couldn did didn do does doesn doing don down during each else
   etc even ever every few for from further get gets getting go going got had has have having he her here hers herself him
   himself his how however i if in into is isn it its itself just know let like ll lot m may me might mine more most much
   must my myself need needs no nor not now of off ok okay on once one only or other our ours ourselves out over own please
   pls plz q quick re really s same shall she should so some someone something still such t than thank thanks that the
   their theirs them themselves then there these they thing things this those through thx to too u under until up us ve
   very want wanna was wasn way we were weren what whats when where whether which while who whom whose why will with
   won would wouldn y yeah yes yet you your yours yourself yourselves hey hi hello hiya folks guys team anybody everyone
   also actually basically currently these days again wondering wonder tell anyone's many far long quickly soon
   often able possible supposed expected exactly kind sort lol tbh btw imo idk gonna gotta kinda anyway trying try
   think thinking guess sure fine enough end come count point max maximum min minimum threshold per
   happen happens happened stuff pretty onto upon till unto via maybe perhaps probably possibly definitely certainly
   literally honestly seriously totally afterward afterwards beforehand meanwhile somehow somewhat anyways anyhow whatever
   whenever wherever though although unless since
   im ive youre youve theyre theyve weve dont doesnt didnt cant isnt arent wasnt werent shouldnt couldnt wouldnt
   haven hasn hadn shouldn mustn needn mightn havent hasnt hadnt mustnt neednt
   thats theres hows whos nobody somebody everybody everything nothing anywhere somewhere everywhere nowhere
   longest shortest earliest latest soonest biggest highest lowest least`.split(/\s+/),
);

/**
 * A stop word, or one with a third-person or plural "s" ("wants", "guys"):
 * in a question, as empty as the word itself. `keep` spares words that mean
 * something of their own (a chat abbreviation such as "mins").
 */
export function isStopword(word: string, keep: (word: string) => boolean = () => false): boolean {
  if (stopwords.has(word)) return true;
  return word.length > 3 && word.endsWith('s') && stopwords.has(word.slice(0, -1)) && !keep(word);
}
