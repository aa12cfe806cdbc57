// The emergency layer: decides whether a message reveals danger, in two tiers.
//   clear    violence, abuse, forced marriage, honour-related control, self-harm, suicide (also
//            indirect and slang), medical emergencies, a weapon, acute threats, being locked in
//            → the crisis numbers at once and an urgent handoff.
//   doubtful fear, "not safe", anger at home, hopelessness, without more → a gentle check.
//
// It does not list sentences. `locales/<lang>/nlu/emergency.json` holds *concepts* (words and
// short phrases: a harm verb, a person, a substance, "not breathing"…) and the rules below say
// which concepts, close together, make a disclosure: a person + a harm verb, a substance + having
// swallowed it, breathing + a negation, a weapon + someone present, self + ending life, marriage +
// force. Concepts of every locale apply to every message (people mix languages). Arabizi is
// matched on a consonant skeleton (7 → h, 5/kh → x, 2/q dropped, vowels dropped), so
// "byedrobni", "yedrabni" and "bidrabni" are one word to it. Benign idioms ("jeg dør af grin",
// "slå mig ned", "hit me up") are listed under `exclude` and silence what they cover.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lexicon, type Match } from './lexicon';

export type SafetyTier = 'clear' | 'doubtful';

export interface Safety {
  tier: SafetyTier;
  /** violence, sexual_abuse, forced_marriage, honour, self_harm, suicide, medical, weapon, threat, locked_in, fear, unsafe, distress. */
  kind: string;
  /**
   * Evidence beyond one short word: two concepts together, or a phrase. Only strong evidence may
   * interrupt an answer to the bot's own question ("mig selv", a name, a year).
   */
  strong: boolean;
}

interface Step {
  /** Concept names; any of them satisfies the step. */
  any: string[];
  /** Other tokens allowed between the previous step and this one. */
  gap: number;
}

interface Rule {
  kind: string;
  tier: SafetyTier;
  steps: Step[];
  /** A negation just before the first step ("ingen slår mig", "he never hits us") cancels it. */
  negatable?: boolean;
  /** Concepts anywhere in the message that cancel it (a knife at the cooking course). */
  vetoes?: string[];
  /** Only when little follows the match ("I'm scared" yes, "scared of being late" no). */
  alone?: boolean;
  /** Concepts that must also be somewhere in the message. */
  with?: string[];
  /**
   * Concepts that cancel it only when they stand within NEAR_WINDOW words of the match: what the
   * idiom is about ("الشغل ذبحني", "that joke killed me", "ما بقدر اتنفس من كتر الشغل").
   */
  near?: string[];
  /** Concepts that cancel it when they follow the match at once ("live without coffee", "live in this flat"). */
  after?: string[];
  /** How many words from the match a `near` veto reaches (default NEAR_WINDOW). */
  nearWindow?: number;
  /** Concepts after the match's first word, inside it or up to OBJECT_WINDOW words after it, that say what it is about ("forces me to do homework", "cut my hair"). */
  object?: string[];
  /** Concepts right after the match (SOFTEN_WINDOW words) or closing the message that make it doubtful ("kill me now haha"). */
  soften?: string[];
  /** Concepts whose hit contains the match's first word: another rule reads that phrase ("slå mig ihjel" is a kill). */
  yieldTo?: string[];
  /** Not when "I" did it to "me" ("jeg slog mig", "I burnt myself on the oven"): an accident. */
  notSelfInflicted?: boolean;
}

const OBJECT_WINDOW = 4;
const SOFTEN_WINDOW = 3;
const JOKE = ['joke'];

/** How close a `near` veto must be to the match. */
const NEAR_WINDOW = 3;
/** Idioms of dying, killing and breathlessness are about a cause nearby: work, heat, a joke. */
const IDIOM = ['idiom_cause'];
/** A film, a game, the news, a dream, a drill: danger told about, not happening to anyone here. */
const FICTION = ['fiction', 'game', 'war'];
/** Kinds of danger that a story, a game, a drill or the war one fled tells about ("a fire in the film we saw"). */
const FICTION_KINDS = new Set(['fire', 'danger', 'weapon']);
/**
 * A condition a parent describes, not an emergency now: "has epilepsy, can he join?", "had a
 * seizure last year but is fine now", "ازمة ربو احيانا". Only for the self-evident medical words
 * (a seizure, fainting, an attack): pills or poison swallowed stay an emergency however it is said.
 */
const NOT_NOW = 'not_now';

const s = (any: string | string[], gap = 0): Step => ({ any: Array.isArray(any) ? any : [any], gap });

/**
 * A harm verb done by someone to someone: not "jeg brændte mig på ovnen" (one's own accident; on
 * purpose is self-harm, below), and not the verb of a killing ("slå mig ihjel"), which the threat
 * rules read with their jokes and conditions ("…hvis jeg glemmer det haha").
 */
const OTHERS_DOING: Pick<Rule, 'yieldTo' | 'notSelfInflicted'> = { yieldTo: ['kill'], notSelfInflicted: true };

// Who can hurt or be hurt. `person` = pronouns and people ("mig", "my mum", "ابني"); `actor` = people
// who do something to someone ("he", "my stepdad", "a man").
const PERSON = ['person', 'self_obj', 'actor'];

const RULES: Rule[] = [
  // Violence: a harm verb with someone it is done to, or someone who does it.
  // "arbejdet slår mig ihjel", "varmen slår mig ud": the cause right next to the verb is no person.
  { kind: 'violence', tier: 'clear', steps: [s('harm'), s(PERSON, 2)], negatable: true, vetoes: ['sport', 'play'], near: IDIOM, nearWindow: 1, ...OTHERS_DOING },
  { kind: 'violence', tier: 'clear', steps: [s('actor'), s('harm', 2), s(PERSON, 2)], negatable: true, vetoes: ['sport', 'play', 'eviction'] },
  // Someone who hits, said with nothing after ("min kæreste slår", "my dad hits").
  { kind: 'violence', tier: 'clear', steps: [s('actor'), s(['harm', 'beat'], 1)], negatable: true, vetoes: ['sport', 'play', 'eviction'], alone: true },
  // Bruises, a black eye, a split lip, with someone who did it ("efter min kæreste gik amok").
  { kind: 'violence', tier: 'clear', steps: [s('bruises')], with: ['actor'], vetoes: ['sport', 'accident'] },
  { kind: 'violence', tier: 'clear', steps: [s(PERSON), s('beat', 3)], negatable: true, vetoes: ['sport', 'play'] },
  { kind: 'violence', tier: 'clear', steps: [s('beat'), s(PERSON, 2)], negatable: true, vetoes: ['sport', 'play'], ...OTHERS_DOING },
  // "tvinger mig til at gå til lektiehjælp": what one is made to do, right after, is a chore.
  { kind: 'violence', tier: 'clear', steps: [s('harmed')], negatable: true, vetoes: ['sport', 'play'], near: IDIOM, nearWindow: 1, object: ['chore'] },
  // Threatened, the object in the verb ("يهددني", "hadadni"); a landlord threatening to evict is no emergency.
  { kind: 'threat', tier: 'clear', steps: [s('threatme')], negatable: true, vetoes: ['eviction'] },
  // Fell and does not respond ("امي وقعت ع الارض وما عم تحكي").
  { kind: 'medical', tier: 'clear', steps: [s('fell'), s('unresponsive', 10)] },
  // Bleeding and not answering ("faldet i trappen og bløder fra hovedet og svarer ikke").
  { kind: 'medical', tier: 'clear', steps: [s('unresponsive')], with: ['bleed'] },
  // Married off as a child ("بدهم يزوجوا اختي وهي عمرها ١٤").
  { kind: 'forced_marriage', tier: 'clear', steps: [s('marry'), s('minor', 5)] },
  { kind: 'forced_marriage', tier: 'clear', steps: [s('minor'), s('marry', 5)] },
  { kind: 'violence', tier: 'clear', steps: [s('violence'), s(['home', 'self_obj', 'person', 'actor'], 3)], negatable: true },
  { kind: 'violence', tier: 'clear', steps: [s(['home', 'self_obj', 'person', 'actor']), s('violence', 3)], negatable: true },
  { kind: 'sexual_abuse', tier: 'clear', steps: [s('touch'), s(['self_obj', 'person'], 1)], negatable: true, vetoes: ['sport'] },
  // Killing: someone will kill someone ("he said he will kill me", "يقتلني"); not in a game
  // ("han dræbte mig hele tiden i fortnite", "قتلني بببجي").
  // "…if I'm late" is how people joke; "…if he sees me with a boy" is honour-related control.
  // A laugh right after ("kill me now haha") makes it a joke to ask about gently, not an alarm.
  { kind: 'threat', tier: 'clear', steps: [s('killme')], negatable: true, vetoes: ['conditional', 'game'], near: [...IDIOM, ...FICTION], soften: JOKE },
  { kind: 'threat', tier: 'clear', steps: [s('kill'), s(['self_obj', 'person'], 2)], negatable: true, vetoes: ['conditional', 'game'], near: [...IDIOM, ...FICTION], soften: JOKE },
  { kind: 'threat', tier: 'clear', steps: [s(['actor', 'person']), s('kill', 3)], negatable: true, vetoes: ['conditional', 'game'], near: [...IDIOM, ...FICTION], soften: JOKE },
  // …unless the condition is being seen, found or telling: "stab me if he sees me again",
  // "يذبحني اذا حكيت" is a threat, "kill me if I'm late" is not.
  { kind: 'threat', tier: 'clear', steps: [s('killme')], negatable: true, with: ['conditional', 'contact'] },
  { kind: 'threat', tier: 'clear', steps: [s('kill'), s(['self_obj', 'person'], 2)], negatable: true, with: ['conditional', 'contact'] },
  { kind: 'threat', tier: 'clear', steps: [s(['actor', 'person']), s('kill', 3), s(['self_obj', 'person'], 2)], negatable: true, with: ['conditional', 'contact'] },
  { kind: 'honour', tier: 'clear', steps: [s('killme')], with: ['honour'] },
  { kind: 'honour', tier: 'clear', steps: [s('kill'), s(['self_obj', 'person'], 2)], with: ['honour'] },
  { kind: 'honour', tier: 'clear', steps: [s(['harm', 'beat']), s(['self_obj', 'person'], 2)], with: ['honour', 'conditional'] },
  // A landlord threatening to evict or a school to suspend is no emergency; a threat to hurt is.
  { kind: 'threat', tier: 'clear', steps: [s('threaten'), s(['self_obj', 'person'], 1)], negatable: true, vetoes: ['eviction'] },
  // Someone told or wrote to them that they will be killed ("قالي رح اقتلك", "he texted me you're dead").
  { kind: 'threat', tier: 'clear', steps: [s('said_to_me'), s('killyou', 4)], negatable: true },
  // "بدي خلص منها" next to life ("حياتي … بدي خلص منها").
  { kind: 'suicide', tier: 'clear', steps: [s('want'), s('end_it', 1)], with: ['life_word'] },
  { kind: 'threat', tier: 'clear', steps: [s('threaten'), s(['kill', 'harm', 'beat', 'weapon'], 5)], negatable: true },
  // Self-harm and suicide.
  // "cut my hair myself", "klippede mit pandehår selv": a thing cut near the verb is no wound.
  { kind: 'self_harm', tier: 'clear', steps: [s('selfharm'), s('reflexive', 2)], vetoes: ['accident', 'kitchen'], object: ['body_care'] },
  { kind: 'self_harm', tier: 'clear', steps: [s('reflexive'), s('selfharm', 2)], vetoes: ['accident', 'kitchen'], object: ['body_care'] },
  { kind: 'self_harm', tier: 'clear', steps: [s('selfharm'), s('self_obj', 0)], negatable: true, vetoes: ['accident', 'kitchen', 'sport'], object: ['body_care'] },
  // "I hit myself when I get angry", "jeg har slået mig selv i ansigtet": I, a harm verb, myself —
  // not an accident at the oven, in the kitchen or in a game (the violence rules leave it to this one).
  { kind: 'self_harm', tier: 'clear', steps: [s('self_subj'), s(['harm', 'beat'], 1), s('reflexive', 1)], vetoes: ['accident', 'kitchen', 'sport', 'play', 'device'], object: ['body_care'] },
  // Hurting oneself on purpose: "punch walls till my hands bleed on purpose", "brændt mig med vilje".
  { kind: 'self_harm', tier: 'clear', steps: [s(['selfharm', 'harm', 'beat', 'bleed', 'bruises']), s('on_purpose', 6)], with: ['self_subj'], vetoes: ['accident', 'sport', 'play'], object: ['body_care'] },
  { kind: 'self_harm', tier: 'clear', steps: [s(['selfharm', 'harm', 'beat']), s(['reflexive', 'self_obj'], 2), s('on_purpose', 4)], vetoes: ['accident', 'sport', 'play'] },
  { kind: 'suicide', tier: 'clear', steps: [s('kill'), s('reflexive', 1)] },
  // Wishing or thinking of a killing ("har tænkt på at slå mig ihjel", "lyst til at slå ham ihjel"),
  // read like the threats above: not "…if I'm late", not with a laugh, not in a game.
  { kind: 'threat', tier: 'clear', steps: [s('want'), s('kill', 1)], negatable: true, vetoes: ['conditional', 'game'], near: [...IDIOM, ...FICTION], soften: JOKE },
  { kind: 'suicide', tier: 'clear', steps: [s('want'), s('die', 2)], negatable: true, vetoes: ['device'], near: IDIOM },
  { kind: 'suicide', tier: 'clear', steps: [s('neg'), s('want', 1), s('live', 2)], after: ['without', 'dwelling'] },
  { kind: 'suicide', tier: 'clear', steps: [s('want'), s('neg', 1), s('live', 2)], after: ['without', 'dwelling'] },
  // "orker ikke mere" on its own says it all; "orker ikke mere lektier" does not; "…det hele" does.
  { kind: 'suicide', tier: 'clear', steps: [s('give_up')], alone: true },
  { kind: 'suicide', tier: 'clear', steps: [s('give_up'), s('everything', 0)], alone: true },
  // Being a burden: others better off without one ("alle ville ha det bedre hvis jeg ikke var her").
  { kind: 'suicide', tier: 'clear', steps: [s('better_off'), s('absent_me', 4)], vetoes: ['sport', 'play'] },
  { kind: 'suicide', tier: 'clear', steps: [s('absent_me'), s('better_off', 4)], vetoes: ['sport', 'play'] },
  // "ماريد اعيش", "dont want to live", "vil ikke leve"; not "…live in this flat", "…live without coffee".
  { kind: 'suicide', tier: 'clear', steps: [s('refuse'), s('live', 1)], after: ['without', 'dwelling'] },
  { kind: 'suicide', tier: 'clear', steps: [s('unable'), s('live', 1)], after: ['without', 'dwelling'] },
  { kind: 'suicide', tier: 'clear', steps: [s('end'), s('life', 2)] },
  { kind: 'suicide', tier: 'clear', steps: [s('tired'), s('life_word', 2)], after: ['dwelling'] },
  { kind: 'suicide', tier: 'clear', steps: [s('neg'), s('be_here', 2), s('longer', 2)] },
  // No point in living ("livet giver ingen mening længere", "ما في داعي عيش"); not "…to live here".
  { kind: 'suicide', tier: 'clear', steps: [s('no_point'), s(['live', 'life_word'], 3)], after: ['without', 'dwelling'] },
  { kind: 'suicide', tier: 'clear', steps: [s('life_word'), s('no_point', 2)], after: ['without', 'dwelling'] },
  // Pills bought or kept to die ("købt piller for at dø", "pills to end it").
  { kind: 'suicide', tier: 'clear', steps: [s('pills'), s(['die', 'end'], 3)], negatable: true },
  // Pills put by, saved up for later ("i have pills saved up", "har sparet piller op", "عم جمع حبوب").
  { kind: 'suicide', tier: 'clear', steps: [s('pills'), s('hoard', 1)], negatable: true },
  { kind: 'suicide', tier: 'clear', steps: [s('hoard'), s('pills', 2)], negatable: true },
  // Ending it, said bare with at most a time after it ("thinking about ending it tonight"); with
  // something after it ("…with my boyfriend", "…the contract") it is something else.
  { kind: 'suicide', tier: 'clear', steps: [s('want'), s('end_it', 1)], alone: true },
  // Jumping from a height, in either order ("hoppe ud fra altanen", "اطلع عالسطح واقفز").
  // Not "jump off the bridge into the lake" on a summer day.
  { kind: 'suicide', tier: 'clear', steps: [s('jump_off'), s('height', 3)], vetoes: ['sport', 'play', 'water'] },
  { kind: 'suicide', tier: 'clear', steps: [s('height'), s('jump_off', 2)], vetoes: ['sport', 'play', 'water'] },
  // Hurting oneself, the object in the reflexive ("ضربت نفسي", "hit myself"), not at a door or a game.
  { kind: 'self_harm', tier: 'clear', steps: [s(['harm', 'beat']), s('reflexive', 0)], negatable: true, vetoes: ['accident', 'kitchen', 'sport', 'play', 'device'], object: ['body_care'] },
  // Farewell signs: a letter "in case something happens to me", things given away and "soon it is over".
  { kind: 'suicide', tier: 'clear', steps: [s('if_happens_me')], with: ['farewell'] },
  { kind: 'suicide', tier: 'clear', steps: [s('give_away')], with: ['soon_over'] },
  { kind: 'suicide', tier: 'doubtful', steps: [s('give_away')] },
  // "færdig med det hele. farvel": done with everything, and a goodbye.
  { kind: 'suicide', tier: 'clear', steps: [s('tired'), s('everything', 2)], with: ['goodbye'] },
  // Lying in wait with violence ("venter på mig efter skole og så får jeg tæsk"); silenced by a
  // threat ("if I snitch they'll finish me").
  { kind: 'threat', tier: 'clear', steps: [s('wait_for_me'), s(['harm', 'beat', 'harmed', 'kill', 'killme', 'threatme', 'weapon'], 8)] },
  { kind: 'threat', tier: 'clear', steps: [s(['killme', 'threatme'])], with: ['silence'] },
  { kind: 'threat', tier: 'clear', steps: [s(['kill', 'harm', 'beat']), s(['self_obj', 'person'], 2)], with: ['silence'] },
  // Medical: a substance swallowed, breathing stopped, unconscious, a seizure, heavy bleeding.
  { kind: 'medical', tier: 'clear', steps: [s('swallow'), s(['pills', 'poison'], 4)] },
  { kind: 'medical', tier: 'clear', steps: [s(['pills', 'poison']), s('swallow', 3)] },
  { kind: 'medical', tier: 'clear', steps: [s('ingest'), s('poison', 3)] },
  { kind: 'medical', tier: 'clear', steps: [s('poison'), s('ingest', 3)] },
  { kind: 'medical', tier: 'clear', steps: [s('ingest'), s('many', 3), s('pills', 2)] },
  // "took pills" alone is also how people speak of their daily medicine ("لازم اخد حبوب الضغط الساعة ٨").
  // Nor medicine for a cold ("اخدت دوا للرشح", "took something for the flu").
  { kind: 'medical', tier: 'clear', steps: [s('ingest'), s('pills', 0)], vetoes: ['routine', 'nose'] },
  { kind: 'medical', tier: 'clear', steps: [s('ingest'), s('pills', 3), s('others', 1)], vetoes: ['routine', 'nose'] },
  { kind: 'medical', tier: 'clear', steps: [s('ingest'), s('others', 3), s('pills', 1)], vetoes: ['routine', 'nose'] },
  // A whole pack at once: "alle mine piller på en gang", "a whole bottle of pills", "العلبة كلها".
  { kind: 'medical', tier: 'clear', steps: [s('pills'), s('at_once', 4)] },
  { kind: 'medical', tier: 'clear', steps: [s('at_once'), s('pills', 3)] },
  { kind: 'medical', tier: 'clear', steps: [s(['neg', 'unable']), s('breathe', 3)], near: IDIOM, vetoes: ['nose'] },
  { kind: 'medical', tier: 'clear', steps: [s('breathe'), s('neg', 1)], near: IDIOM, vetoes: ['nose'] },
  // Pain in the chest, with words between ("وجع قوي بصدره", "ondt helt vildt i brystet").
  { kind: 'medical', tier: 'clear', steps: [s('pain'), s('chest', 3)], near: IDIOM, vetoes: ['hypothetical', 'nose'] },
  { kind: 'medical', tier: 'clear', steps: [s('chest'), s('pain', 2)], near: IDIOM, vetoes: ['hypothetical', 'nose'] },
  { kind: 'medical', tier: 'clear', steps: [s('bleed'), s('much', 2)] },
  { kind: 'medical', tier: 'clear', steps: [s('much'), s('bleed', 2)] },
  { kind: 'medical', tier: 'clear', steps: [s('eyes'), s('rolled', 2)] },
  { kind: 'medical', tier: 'clear', steps: [s('shake')], with: ['unresponsive'] },
  // A weapon with someone holding it or threatening, not a knife for the cooking course, nor a
  // gun in a film or a game.
  { kind: 'weapon', tier: 'clear', steps: [s('weapon'), s(['actor', 'person', 'self_obj', 'presence', 'threaten', 'harm', 'kill'], 4)], vetoes: ['kitchen'], near: FICTION },
  { kind: 'weapon', tier: 'clear', steps: [s(['actor', 'presence', 'threaten', 'harm', 'kill']), s('weapon', 4)], vetoes: ['kitchen'], near: FICTION },
  // Shots fired, someone breaking in: acute danger told as it happens (not a goal shot, not a
  // question about what to do if, not the news).
  { kind: 'weapon', tier: 'clear', steps: [s('shooting')], vetoes: ['sport', 'play', 'hypothetical'], near: FICTION },
  { kind: 'threat', tier: 'clear', steps: [s('break_in')], vetoes: ['hypothetical'], near: FICTION },
  // Forced marriage.
  { kind: 'forced_marriage', tier: 'clear', steps: [s('marry'), s('force', 8)] },
  { kind: 'forced_marriage', tier: 'clear', steps: [s('force'), s('marry', 4)] },
  { kind: 'forced_marriage', tier: 'clear', steps: [s('refuse'), s('marry', 2)] },
  { kind: 'forced_marriage', tier: 'clear', steps: [s('marry'), s('stranger_spouse', 4)] },
  { kind: 'forced_marriage', tier: 'clear', steps: [s('send_away'), s('marry', 8)] },
  { kind: 'forced_marriage', tier: 'clear', steps: [s('marry'), s('send_away', 8)] },
  // Grooming: an adult who asks for pictures or to meet alone and wants it kept secret, or sends
  // strange messages and asks to meet; the same wish without the secret asks gently.
  { kind: 'sexual_abuse', tier: 'clear', steps: [s(['send_pics', 'meet_alone', 'touch', 'unwanted'])], with: ['secret'] },
  // Made to have sex ("tvinger mig til sex", "forces me to sleep with him").
  { kind: 'sexual_abuse', tier: 'clear', steps: [s('force'), s('sex', 4)] },
  { kind: 'sexual_abuse', tier: 'clear', steps: [s('strange_msgs')], with: ['actor', 'meet_alone'] },
  { kind: 'sexual_abuse', tier: 'clear', steps: [s('strange_msgs')], with: ['actor', 'send_pics'] },
  { kind: 'sexual_abuse', tier: 'clear', steps: [s('pics'), s('nude', 3)] },
  { kind: 'sexual_abuse', tier: 'clear', steps: [s('nude'), s('pics', 3)] },
  // Kept in, controlled.
  // Not "my dad doesn't let me go out alone at night" / "to the party": a curfew, no captivity.
  { kind: 'locked_in', tier: 'clear', steps: [s('prevent'), s('leave', 3)], vetoes: ['curfew'] },
  // Fear of a person or of going home; unsafe at home; in danger.
  { kind: 'threat', tier: 'clear', steps: [s('fear_of'), s(['actor', 'person'], 0)], negatable: true },
  // Not "scared of the dark walk home", "bange for at gå hjem i mørket": the dark street, not home.
  { kind: 'threat', tier: 'clear', steps: [s(['fear', 'fear_of']), s('go_home', 3)], negatable: true, vetoes: ['dark'] },
  // Not "walking home in the dark": the street on the way, not home.
  { kind: 'unsafe', tier: 'clear', steps: [s('unsafe'), s(['home', 'actor', 'here'], 3)], vetoes: ['commute'] },
  { kind: 'unsafe', tier: 'clear', steps: [s('home'), s('unsafe', 3)], vetoes: ['commute'] },
  // Not "in danger of failing maths", "i fare for at miste lejligheden", "بخطر اخسر شغلي".
  { kind: 'unsafe', tier: 'clear', steps: [s(['self_subj', 'self_obj', 'person']), s('danger', 2)], negatable: true, after: ['danger_of'] },
  // Doubtful: the gentle check, never the numbers by itself.
  { kind: 'fear', tier: 'doubtful', steps: [s(['fear', 'fear_of'])], negatable: true, alone: true },
  { kind: 'unsafe', tier: 'doubtful', steps: [s('unsafe')], alone: true },
  { kind: 'distress', tier: 'doubtful', steps: [s('anger'), s('home', 3)], negatable: true },
  { kind: 'distress', tier: 'doubtful', steps: [s('home'), s('anger', 3)], negatable: true },
  { kind: 'distress', tier: 'doubtful', steps: [s('hopeless')], alone: true },
  { kind: 'sexual_abuse', tier: 'doubtful', steps: [s('actor'), s('send_pics', 4)], negatable: true },
  { kind: 'sexual_abuse', tier: 'doubtful', steps: [s('meet_alone')], with: ['actor'], negatable: true },
  { kind: 'sexual_abuse', tier: 'doubtful', steps: [s('strange_msgs')], with: ['actor'] },
  // "Call the police" could be a question about the neighbour's noise: ask, do not alarm.
  { kind: 'threat', tier: 'doubtful', steps: [s('call'), s('police', 1)], vetoes: ['noise'] },
];

// Concepts whose name is `clear.<kind>` or `doubtful.<kind>` are enough on their own.
const TIER_PREFIX = /^(clear|doubtful)\.(\w+)$/;
const SELF_SUFFICIENT = /^(clear|doubtful)\./;
/** Concepts that make a rule by themselves (see RULES). */
const STANDALONE = new Set(['harmed', 'killme', 'violence', 'threatme']);
/**
 * Kinds a question about what to do *if* something happened does not raise ("hvad gør I hvis et
 * barn ikke trækker vejret?", "does the first aid course teach…"). Only medical: "what do I do if
 * he hits me again" tells of violence.
 */
const HYPOTHETICAL_KINDS = new Set(['medical']);
/** Concepts of small words that Arabizi writes short ("bdi", "ma", "mout"). */
const FUNCTION_WORDS = new Set(['want', 'die', 'neg', 'live', 'tail', 'reflexive', 'home', 'unable', 'self_obj', 'self_subj', 'idiom_cause']);
/** How many words may follow a doubtful signal that must stand alone ("I'm scared" + "right now"). */
const ALONE_TAIL = 0;

interface ConceptFile {
  concepts?: Record<string, unknown>;
  arabizi?: Record<string, unknown>;
  exclude?: unknown;
  arabiziExclude?: unknown;
  /** Arabizi words that mean something else, by meaning: never read on their skeleton ("emta" is "when", not "mout"). */
  arabiziWords?: Record<string, unknown>;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0) : [];
}

/**
 * Arabizi consonant skeleton: writers vary vowels and the digit letters, not the consonants.
 * "byedrobni" → "bydrbn", "2atalni" / "qatalni" → "tln", "sikkeen" → "skn", "3ayez" → "3yz".
 */
export function arabiziSkeleton(token: string): string {
  let t = token.toLowerCase();
  t = t.replace(/kh/g, 'x').replace(/5/g, 'x').replace(/gh/g, 'g').replace(/8/g, 'g');
  t = t.replace(/sh|ch/g, 'c').replace(/th/g, 't').replace(/dh/g, 'd').replace(/7/g, 'h').replace(/6/g, 't');
  t = t.replace(/[29q']/g, '');
  t = t.replace(/[aeiou]/g, '');
  t = t.replace(/(.)\1+/g, '$1');
  return t || '_';
}

/** A digit letter inside a Latin word (3ayez, 7abibi, 5alas, 6ayeb, 9a7i): Arabizi. Not 8, which English texting uses ("gr8", "m8"). */
const ARABIZI_DIGIT = /[a-z][235679]|[235679][a-z]/;

interface Hit {
  concept: string;
  start: number;
  end: number;
}

export class EmergencyLayer {
  // Typos allowed only in words of 8+ letters: shorter ones collide ("cooking" vs "choking").
  private readonly concepts = new Lexicon<string>(true, 8);
  private readonly arabizi = new Lexicon<string>(false);
  private readonly exclusions = new Lexicon<true>(false);
  private readonly arabiziExclusions = new Lexicon<true>(false);
  /** Arabizi words as written in the data, by concept: a literal match is never weak. */
  private readonly arabiziLiterals = new Set<string>();
  /** Arabizi words whose skeleton collides with a danger word ("emta" when / "mout" die). */
  private readonly arabiziOtherWords = new Set<string>();

  constructor(localesDir: string, languages: string[]) {
    for (const lang of languages) {
      const file = path.join(localesDir, lang, 'nlu', 'emergency.json');
      if (!fs.existsSync(file)) continue;
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as ConceptFile;
      for (const [concept, list] of Object.entries(data.concepts ?? {})) {
        for (const p of strings(list)) this.concepts.add(p, concept);
      }
      for (const [concept, list] of Object.entries(data.arabizi ?? {})) {
        for (const p of strings(list)) {
          if (!/[*\s]/.test(p)) this.arabiziLiterals.add(`${concept}:${p.toLowerCase()}`);
          const phrase = skeletonPhrase(p);
          if (phrase) this.arabizi.add(phrase, concept);
        }
      }
      for (const p of strings(data.exclude)) this.exclusions.add(p, true);
      for (const p of strings(data.arabiziExclude)) this.arabiziExclusions.add(skeletonPhrase(p) ?? p, true);
      for (const [k, list] of Object.entries(data.arabiziWords ?? {})) if (k !== 'comment') for (const w of strings(list)) this.arabiziOtherWords.add(w.toLowerCase());
    }
  }

  /** The concepts found in normalised tokens, idioms removed. */
  hits(tokens: string[], lang?: string): Hit[] {
    const blocked: Array<{ start: number; end: number }> = this.exclusions.matchAll(tokens);
    const found: Match<string>[] = this.concepts.matchAll(tokens);
    const latin = tokens.some((t) => /[a-z]/.test(t));
    if (latin && (lang === 'ar' || tokens.some((t) => ARABIZI_DIGIT.test(t)))) {
      // A word known to mean something else keeps no skeleton ("emta" asks when; it is not "mout").
      const skeleton = tokens.map((t) => (this.arabiziOtherWords.has(t) ? '-' : /^[a-z0-9]+$/.test(t) ? arabiziSkeleton(t) : t));
      // A short skeleton from a word without digit letters is weak: names collide ("Hodan" is "hdn",
      // "Haddad" is "hd"). Under four letters it is no evidence on its own, under three it only
      // counts for small function words ("bade mout": want + die).
      const weak = (m: Match<string>): boolean => {
        if (m.end > m.start || this.arabiziLiterals.has(`${m.payload}:${tokens[m.start]}`)) return false;
        const len = skeleton[m.start].length;
        // "2al" (said) is "l" once the hamza is dropped: one letter is no word, digits or not.
        if (len < 2) return true;
        if (/\d/.test(tokens[m.start])) return false;
        return ((SELF_SUFFICIENT.test(m.payload) || STANDALONE.has(m.payload)) && len < 4) || (len < 3 && !FUNCTION_WORDS.has(m.payload));
      };
      found.push(...this.arabizi.matchAll(skeleton).filter((m) => !weak(m)));
      blocked.push(...this.arabiziExclusions.matchAll(skeleton));
    }
    return found
      // An idiom silences what ends inside it ("i fare" in "i fare for at…"); a longer concept that
      // reaches past its end stands ("tager ... med" is an outing, "tager mig med til irak … gift" is not).
      .filter((m) => !blocked.some((b) => b.start <= m.end && m.end <= b.end))
      .map((m) => ({ concept: m.payload, start: m.start, end: m.end }));
  }

  /** The safety reading of a message, or undefined when nothing in it suggests danger. */
  assess(tokens: string[], lang?: string): Safety | undefined {
    if (tokens.length === 0) return undefined;
    const hits = this.hits(tokens, lang);
    if (hits.length === 0) return undefined;
    const byConcept = new Map<string, Hit[]>();
    for (const h of hits) byConcept.set(h.concept, [...(byConcept.get(h.concept) ?? []), h]);
    let doubtful: Safety | undefined;

    // "What do you do if a child stops breathing?" asks about first aid, not about a child now.
    const hypothetical = byConcept.has('hypothetical');
    for (const h of hits) {
      const m = TIER_PREFIX.exec(h.concept);
      if (!m) continue;
      if (hypothetical && HYPOTHETICAL_KINDS.has(m[2])) continue;
      // "اختنقت من الزحمة", "can't breathe through his nose": a cause or a cold, no emergency.
      if (m[2] === 'medical' && (byConcept.has('nose') || byConcept.has(NOT_NOW) || nearIdiom(byConcept, IDIOM, h.start, h.end, NEAR_WINDOW, [h]))) continue;
      // "jeg slog mig selv i fifa"; "ikke lyst til at leve i en lille lejlighed", "ما بدي اعيش بعيد عن اهلي".
      if (m[2] === 'self_harm' && (byConcept.has('sport') || byConcept.has('accident'))) continue;
      // "حريق بالفيلم", "a fire drill at school", "fire in minecraft".
      if (FICTION_KINDS.has(m[2]) && nearIdiom(byConcept, FICTION, h.start, h.end, NEAR_WINDOW, [h])) continue;
      // "jump off the bridge into the lake" on a summer day: swimming, not jumping to die.
      if (m[2] === 'suicide' && byConcept.has('water')) continue;
      if (m[2] === 'suicide' && (byConcept.get('dwelling') ?? []).some((d) => d.start > h.end && d.start <= h.end + 1)) continue;
      const safety: Safety = { tier: m[1] as SafetyTier, kind: m[2], strong: h.end > h.start || tokens[h.start].length >= 6 };
      if (safety.tier === 'clear') return safety;
      doubtful ??= safety;
    }
    for (const rule of RULES) {
      if (rule.tier === 'doubtful' && doubtful) continue;
      if (hypothetical && HYPOTHETICAL_KINDS.has(rule.kind)) continue;
      if (rule.vetoes?.some((v) => byConcept.has(v))) continue;
      if (rule.with && !rule.with.every((w) => byConcept.has(w))) continue;
      const span = this.apply(rule, byConcept, tokens);
      if (!span) continue;
      // After the verb, inside the match ("cut my hair myself") or up to `w` words after it.
      const follows = (cs: string[] | undefined, from: number, w: number) => (cs ?? []).some((c) => (byConcept.get(c) ?? []).some((h) => h.start > from && h.start - span.end <= w));
      if (follows(rule.object, span.start, OBJECT_WINDOW)) continue;
      // A laugh right after the match, or closing the message ("kill me now, I forgot his boots again haha").
      const closes = (cs: string[] | undefined) => (cs ?? []).some((c) => (byConcept.get(c) ?? []).some((h) => h.start > span.end && h.end === tokens.length - 1));
      if (follows(rule.soften, span.end, SOFTEN_WINDOW) || closes(rule.soften)) {
        doubtful ??= { tier: 'doubtful', kind: rule.kind, strong: false };
        continue;
      }
      if (rule.tier === 'clear') return { tier: 'clear', kind: rule.kind, strong: true };
      doubtful = { tier: 'doubtful', kind: rule.kind, strong: false };
    }
    return doubtful;
  }

  /** The first span where the rule's steps follow each other within their gaps, or null. */
  private apply(rule: Rule, byConcept: Map<string, Hit[]>, tokens: string[]): { start: number; end: number } | null {
    const starts = rule.steps[0].any.flatMap((c) => byConcept.get(c) ?? []);
    for (const first of starts) {
      let end = first.end;
      let ok = true;
      const used: Hit[] = [first];
      for (const step of rule.steps.slice(1)) {
        const next = step.any
          .flatMap((c) => byConcept.get(c) ?? [])
          .filter((h) => h.start > end && h.start - end - 1 <= step.gap)
          .sort((a, b) => a.start - b.start)[0];
        if (!next) {
          ok = false;
          break;
        }
        end = next.end;
        used.push(next);
      }
      if (!ok) continue;
      if (rule.yieldTo?.some((c) => (byConcept.get(c) ?? []).some((h) => h.start <= first.start && first.end <= h.end && h.end > h.start))) continue;
      if (rule.notSelfInflicted && selfInflicted(byConcept, first, used[used.length - 1])) continue;
      if (rule.negatable && negated(byConcept, first.start, end, used, tokens)) continue;
      const w = rule.nearWindow ?? NEAR_WINDOW;
      // The cause stands before the verb ("that joke killed me", "الشغل ذبحني") or right after it
      // ("قتلني الجوع", "kan ikke få vejret af grin"); further on it is something else ("…after work").
      // Only after the bare verb: "live without coffee" yes, "live in a world without her" no.
      const last = used[used.length - 1];
      if (rule.after && (rule.kind !== 'suicide' || last.start === last.end) && rule.after.some((c) => (byConcept.get(c) ?? []).some((h) => h.start === end + 1))) continue;
      // The verb's object right after the match belongs to it ("my son … killed | me | with his jokes").
      const object = [...(byConcept.get('self_obj') ?? []), ...(byConcept.get('person') ?? [])].find((h) => h.start === end + 1);
      if (rule.near && nearIdiom(byConcept, rule.near, first.start, object ? object.end : end, w, object ? [...used, object] : used)) continue;
      if (rule.alone && tokens.length - end - 1 - tailWords(byConcept, end) > ALONE_TAIL) continue;
      return { start: first.start, end };
    }
    return null;
  }
}

/**
 * A cause of an idiom near the match: `concepts` up to `before` words before it or three words after
 * it ("that joke killed me", "قتلني الجوع", "nearly killed me with his jokes"); `idiom_subject` (a body
 * part: "min ryg slår mig ihjel", "my back is killing me") only before it, since after the verb
 * it is where someone was hit ("slog mig i hovedet").
 */
function nearIdiom(byConcept: Map<string, Hit[]>, concepts: string[], start: number, end: number, before: number, used: Hit[]): boolean {
  const near = (h: Hit, after: number) => h.end >= start - before && h.start <= end + after && !used.includes(h) && !(h.start >= start && h.end <= end);
  return (
    // Three words on: "killed me with his jokes", "kan ikke få vejret af grin".
    concepts.some((c) => (byConcept.get(c) ?? []).some((h) => near(h, 3))) ||
    (byConcept.get('idiom_subject') ?? []).some((h) => h.end < start && near(h, 0))
  );
}

/**
 * A negation up to two words before the match, inside it, or right after it ("ingen slår mig",
 * "jeg vil ikke dø", "han slår mig ikke"); negations that are part of the match itself
 * ("ikke være her") do not count.
 */
function negated(byConcept: Map<string, Hit[]>, start: number, end: number, used: Hit[], tokens: string[]): boolean {
  // A negation inside a phrase of its own ("orker ikke mere. vil bare væk…") negates that phrase.
  const bound = (n: Hit) =>
    n.start < start && [...byConcept.entries()].some(([c, hs]) => c !== 'neg' && hs.some((h) => h.end > h.start && h.start <= n.start && n.end <= h.end && h.end < start));
  return (byConcept.get('neg') ?? []).some(
    (n) =>
      n.start >= start - 2 &&
      !bound(n) &&
      (n.end <= end || (n.start === end + 1 && POST_NEGATION.has(tokens[n.start]))) &&
      !used.some((u) => n.start <= u.end && u.start <= n.end),
  );
}

/** "I" right before the verb (a word between: "jeg har brændt mig") and "me" as its object. */
function selfInflicted(byConcept: Map<string, Hit[]>, verb: Hit, object: Hit): boolean {
  const subject = (byConcept.get('self_subj') ?? []).some((h) => h.end < verb.start && verb.start - h.end <= 2);
  const me = ['self_obj', 'reflexive'].some((c) => (byConcept.get(c) ?? []).some((h) => h.start === object.start));
  return subject && me;
}

/** Negations that follow what they negate (Danish main clauses: "han slår mig ikke"). */
const POST_NEGATION = new Set(['ikke', 'ik', 'ikk']);

/** Words after the match that add nothing ("now", "at home", "help", "please"). */
function tailWords(byConcept: Map<string, Hit[]>, end: number): number {
  const covered = new Set<number>();
  for (const h of byConcept.get('tail') ?? []) if (h.start > end) for (let i = h.start; i <= h.end; i++) covered.add(i);
  return covered.size;
}

/** The skeleton of a pattern; null for a lone wildcard word under 3 letters ("*hadded*" → "hd" is in everything). */
function skeletonPhrase(phrase: string): string | null {
  const words = phrase.split(/\s+/).map((w) => (w === '...' || w === '{num}' ? w : skeletonPattern(w)));
  return words.length === 1 && words[0].includes('*') && words[0].replace(/\*/g, '').length < 3 ? null : words.join(' ');
}

function skeletonPattern(word: string): string {
  const lead = word.startsWith('*') ? '*' : '';
  const trail = word.endsWith('*') && word.length > 1 ? '*' : '';
  const core = word.replace(/^\*+|\*+$/g, '');
  return `${lead}${arabiziSkeleton(core)}${trail}`;
}
