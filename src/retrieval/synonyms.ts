/**
 * Everyday words people use in chat, mapped to the words handbooks use for
 * the same thing. Keys and values are lower-case words or phrases; lookups
 * go both ways at query time (see `expandTerms`).
 */
export const synonymGroups: string[][] = [
  ['hotel', 'lodging', 'accommodation', 'accommodations'],
  ['pto', 'paid time off', 'time off', 'vacation', 'holiday', 'annual leave', 'days off', 'day off', 'weeks off', 'week off'],
  ['wfh', 'remote', 'home office', 'work from home', 'working from home'],
  ['laptop', 'computer', 'macbook'],
  ['phone', 'mobile', 'iphone', 'cell'],
  ['passcode', 'password', 'pin'],
  ['expense', 'reimburse', 'reimbursement', 'reimbursed', 'claim', 'paid back', 'pay back'],
  ['flight', 'fly', 'flying', 'airfare', 'airline', 'flights'],
  ['sick', 'illness', 'ill', 'medical'],
  ['quit', 'quitting', 'resign', 'resignation', 'leaving', 'offboarding', 'separation', 'last day', 'depart', 'departure', 'end of employment'],
  ['boss', 'manager', 'supervisor', 'lead'],
  ['stipend', 'allowance', 'budget'],
  ['side gig', 'side job', 'side hustle', 'second job', 'moonlighting', 'outside employment', 'outside activities', 'freelance', 'freelancing', 'gig', 'consulting'],
  ['doctor', 'physician', 'clinician'],
  ['salary', 'pay', 'compensation', 'wage', 'wages'],
  ['baby', 'parental', 'maternity', 'paternity', 'newborn'],
  ['gift', 'gifts', 'present'],
  ['bribe', 'bribery', 'kickback', 'corruption'],
  ['harassment', 'bullying', 'discrimination'],
  ['fired', 'terminated', 'termination', 'dismissal', 'dismissed', 'let go'],
  ['overtime', 'extra hours', 'comp time', 'compensatory time'],
  ['conference', 'event', 'events', 'training', 'webinar', 'meetup'],
  ['trip', 'travel', 'travelling', 'traveling', 'business travel'],
  ['car', 'rental car', 'vehicle', 'taxi', 'uber', 'rideshare'],
  ['meal', 'meals', 'food', 'dinner', 'lunch', 'per diem', 'dining', 'm&ie'],
  ['buy', 'purchase', 'purchasing', 'procure', 'order'],
  ['software', 'app', 'apps', 'tool', 'tools', 'application', 'platform'],
  ['hack', 'breach', 'incident', 'phishing', 'compromised'],
  ['secret', 'confidential', 'sensitive'],
  ['delete', 'deleted', 'retention', 'retain', 'keep', 'kept'],
  ['moving', 'relocation', 'relocate', 'move'],
  ['desk', 'chair', 'monitor', 'equipment', 'home office setup'],
  ['new hire', 'new starter', 'new employee', 'onboarding', 'just started', 'joined'],
  ['notice', 'advance', 'ahead'],
  ['deadline', 'due', 'within'],
  ['jury duty', 'jury', 'court leave', 'court'],
  ['return', 'send back', 'give back', 'hand back', 'returned'],
  ['unpaid leave', 'leave without pay', 'lwop', 'unpaid'],
  ['approval', 'approve', 'sign off', 'permission', 'authorize', 'authorization'],
  ['booze', 'alcohol', 'alcoholic', 'wine', 'beer', 'drinks'],
  ['schedule', 'hours', 'shift'],
  ['insurance', 'benefits', 'coverage'],
  ['invest', 'investment', 'stake', 'shares', 'financial interest'],
  ['usb', 'removable media', 'thumb drive', 'flash drive'],
  ['email', 'gmail', 'e-mail', 'mail', 'inbox'],
  ['vendor', 'vendors', 'supplier', 'suppliers', 'third party', 'third-party'],
  ['disclose', 'disclosure', 'declare', 'report'],
  ['eligible', 'eligibility', 'qualify', 'qualified', 'qualifies'],
  ['fed', 'federal'],
  ['kids', 'kid', 'children', 'child', 'dependents'],
  ['in a row', 'consecutive', 'consecutively'],
  ['config', 'configuration', 'spec', 'specs', 'specification'],
  ['offsite', 'team offsite', 'retreat', 'team event', 'meetup'],
  ['book', 'booking', 'reserve', 'reservation'],
  ['log', 'record', 'track'],
  ['run out', 'ran out', 'out of', 'exhausted', 'used up'],
  ['start date', 'first day'],
  ['spouse', 'husband', 'wife'],
  ['summoned', 'called', 'summons'],
  ['stolen', 'theft', 'lost', 'missing'],
  ['decline', 'declined', 'reject', 'rejected', 'deny', 'denied', 'turn down'],
  ['auto', 'automatic', 'automatically'],
  ['far back', 'go back', 'look back', 'lookback', 'history'],
  ['roll over', 'rollover', 'carry over', 'carry forward', 'carryover', 'carry'],
  ['honorarium', 'speaking fee', 'compensation'],
  ['paycheck', 'paychecks', 'payslip', 'pay stub', 'paystub', 'payroll'],
  ['complaint', 'grievance', 'concern', 'concerns'],
  ['contractor', 'contractors', 'consultant', 'consultants'],
  ['hiring', 'recruit', 'recruiting', 'recruitment'],
  ['abroad', 'overseas', 'international', 'foreign'],
  ['pii', 'personal data', 'personally identifiable', 'personal information'],
  ['broken', 'repair', 'repairs', 'damaged'],
  ['install', 'installing', 'download', 'downloading'],
  ['cellphone', 'smartphone', 'phone'],
  // Chat abbreviations.
  ['docs', 'documents', 'document', 'files'],
  ['info', 'information'],
  ['mgr', 'manager'],
  ['comms', 'communications'],
  ['yrs', 'years'],
  ['hrs', 'hours'],
  ['mins', 'minutes'],
  ['prod', 'production'],
  ['dept', 'department'],
  ['govt', 'government'],
  ['ooo', 'out of office'],
  ['rif', 'reduction in force'],
  ['pw', 'password'],
  ['2fa', 'mfa', 'multi-factor', 'two-factor'],
];

const byTerm = new Map<string, string[]>();
for (const group of synonymGroups) {
  for (const term of group) byTerm.set(term, [...(byTerm.get(term) ?? []), ...group.filter((other) => other !== term)]);
}

/** The handbook words for a chat word or phrase, or none. */
export function synonymsOf(term: string): string[] {
  return byTerm.get(term) ?? [];
}

/** Longest phrase in the synonym table, in words: how far phrase matching looks ahead. */
export const longestSynonymPhrase = Math.max(...synonymGroups.flat().map((term) => term.split(' ').length));
