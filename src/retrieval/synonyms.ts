import { words } from './analyze-text.ts';
import { workplaceThesaurus } from './workplace-thesaurus.ts';

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
  ['sick', 'illness', 'ill', 'medical', 'unwell', 'poorly', 'under the weather', 'off sick'],
  ['quit', 'quitting', 'resign', 'resignation', 'leaving', 'offboarding', 'separation', 'last day', 'depart', 'departure', 'end of employment'],
  ['boss', 'manager', 'supervisor', 'lead'],
  ['stipend', 'allowance', 'budget'],
  ['side gig', 'side job', 'side hustle', 'second job', 'moonlighting', 'outside employment', 'outside activities', 'freelance', 'freelancing', 'gig', 'consulting'],
  ['doctor', 'physician', 'clinician', 'gp', 'general practitioner'],
  ["doctor's note", 'sick note', 'fit note', 'medical certificate', 'medical note'],
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
  ['stolen', 'theft', 'lost', 'missing', 'misplaced'],
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
  // Family, health and life events.
  ['dad', 'father', 'mom', 'mum', 'mother', 'new parent', 'parent'],
  ['pregnant', 'pregnancy', 'expecting', 'childbirth', 'birth'],
  ['adopt', 'adoption', 'adopting', 'adopted', 'foster', 'fostering'],
  ['grandma', 'grandmother', 'grandpa', 'grandfather', 'relative', 'family member', 'immediate family'],
  ['passed away', 'died', 'death', 'funeral', 'bereavement'],
  ['partner', 'spouse', 'domestic partner', 'dependents'],
  ['health insurance', 'medical insurance', 'health plan', 'medical plan', 'healthcare', 'health care', 'medical coverage'],
  ['premium', 'premiums', 'contribution', 'contributes', 'cost of the plan'],
  ['opt out', 'waive', 'waiver', 'waiving'],
  ['dentist', 'dental', 'teeth'],
  ['glasses', 'contacts', 'vision', 'eye care'],
  ['injury', 'injured', 'disability', 'disabled'],
  ['surgery', 'operation', 'hospital', 'medical leave'],
  // Time off and working time.
  ['sabbatical', 'career break', 'extended leave', 'long break'],
  ['accrue', 'accrues', 'accrual', 'accumulate', 'bank', 'build up', 'save up'],
  ['leftover', 'left over', 'unused', 'remaining'],
  ['weekend', 'saturday', 'sunday'],
  ['public holiday', 'public holidays', 'bank holiday', 'bank holidays', 'observed holiday', 'national holiday', 'federal holiday'],
  ['vote', 'voting', 'election', 'polls'],
  ['part-time', 'part time', 'reduced hours', 'fewer hours'],
  ['on call', 'on-call', 'pager', 'out of hours', 'after hours'],
  // Money, pay and equity.
  ['paid', 'pay', 'paying', 'pays'],
  ['raise', 'pay rise', 'salary increase', 'salary review', 'merit increase'],
  ['stock', 'stock options', 'options', 'equity', 'shares'],
  ['vest', 'vesting', 'vested', 'cliff'],
  ['bonus', 'bonuses', 'reward', 'incentive'],
  ['referral', 'referrals', 'employee referral', 'referral bonus'],
  ['receipt', 'receipts', 'invoice', 'proof of purchase'],
  ['mileage', 'gas', 'petrol', 'fuel', 'driving'],
  ['internet', 'wifi', 'broadband', 'home internet'],
  // Learning and work.
  ['tell', 'notify', 'inform', 'let know', 'flag'],
  ['bike', 'bicycle', 'cycle', 'cycling', 'e-bike', 'ebike'],
  ['salary sacrifice', 'salary exchange'],
  ['cafe', 'coffee shop', 'public place', 'public wifi'],
  ['conf', 'conference'],
  ['talk', 'speaking', 'speaker', 'keynote', 'presentation'],
  ['course', 'courses', 'class', 'classes', 'tuition', 'learning', 'education'],
  ['mentor', 'mentorship', 'mentoring', 'coaching', 'coach'],
  ['coworking', 'co-working', 'coworking space', 'shared office'],
  ['work remotely', 'remote work', 'working remotely', 'work from anywhere'],
  ['monitored', 'monitoring', 'surveillance', 'spying', 'tracked'],
  ['personal email', 'personal messages', 'personal use'],
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
  ['ppl', 'people', 'everyone'],
  ['msg', 'message'],
  ['appt', 'appointment'],
  ['2fa', 'mfa', 'multi-factor', 'two-factor'],
];

/**
 * Terms are looked up as a question's words are read: "doctor's note" as
 * "doctor note", "e-bike" as "e bike". The members found stay as written:
 * each is read the same way when it is searched for.
 */
const allGroups = [...synonymGroups, ...workplaceThesaurus];
const byTerm = new Map<string, string[]>();
for (const group of allGroups) {
  for (const term of group) {
    const key = words(term).join(' ');
    byTerm.set(key, [...(byTerm.get(key) ?? []), ...group.filter((other) => other !== term)]);
  }
}

/** The handbook words for a chat word or phrase, or none. */
export function synonymsOf(term: string): string[] {
  return byTerm.get(term) ?? [];
}

/** Longest phrase in the synonym table, in words: how far phrase matching looks ahead. */
export const longestSynonymPhrase = Math.max(...allGroups.flat().map((term) => words(term).length));
