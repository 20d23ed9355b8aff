/** The structured health set's vocabulary: categories, item names and daily routines. */

export interface CategoryDef {
  name: string;
  /** Item name stems; "Stem > Other" also tags the item with category Other. */
  stems: string[];
}

export const CATEGORIES: CategoryDef[] = [
  {
    name: 'Yoga',
    stems: [
      'Sunrise Flow',
      'Gentle Hatha',
      'Power Vinyasa',
      'Yin for Hips',
      'Desk Yoga',
      'Yoga for Runners > Running',
      'Balance Basics',
      'Core Flow',
      'Restorative Yoga',
      'Chair Yoga',
      'Hip Openers',
      'Yoga Nidra > Sleep',
    ],
  },
  {
    name: 'Breathing',
    stems: [
      'Box Breathing',
      '4-7-8 Breath',
      'Alternate Nostril',
      'Energising Breath',
      'Coherent Breathing',
      'Sigh It Out',
      'Breath Counting',
      'Ocean Breath',
      'Cooling Breath',
      'Breath Before Bed > Sleep',
      "Runner's Breath > Running",
      'Calm in Five',
    ],
  },
  {
    name: 'Meditation',
    stems: [
      'Body Scan',
      'Loving Kindness',
      'Morning Intention',
      'Focus Meditation',
      'Walking Meditation',
      'Letting Go',
      'Gratitude Practice',
      'Noting Practice',
      'Open Awareness',
      'Mantra Meditation',
      'Visualisation',
      'Sleep Meditation > Sleep',
    ],
  },
  {
    name: 'Sleep',
    stems: [
      'Rain Sounds',
      'Ocean Waves',
      'Sleep Story: The Lighthouse',
      'Brown Noise',
      'Sleep Story: Night Train',
      'Piano for Sleep',
      'Forest at Night',
      'Wind-Down Music',
      'Deep Sleep Drone',
      'Sleep Story: Snowy Cabin',
      'Lullaby Strings',
      'Crackling Fire',
    ],
  },
  {
    name: 'HIIT',
    stems: [
      'Tabata Blast',
      'Full-Body HIIT',
      'Low-Impact HIIT',
      'Cardio Burn',
      'EMOM Challenge',
      'Jump Rope Intervals',
      'Sprint Intervals > Running',
      'Bodyweight Circuit',
      'Kettlebell HIIT',
      'Boxing Intervals',
      'Stair Intervals',
      'Dance Cardio',
    ],
  },
  {
    name: 'Strength',
    stems: [
      'Upper Body Basics',
      'Leg Day',
      'Core Strength',
      'Dumbbell Full Body',
      'Glute Builder',
      'Push-Up Progression',
      'Resistance Bands',
      'Kettlebell Strength',
      'Posture Fix',
      'Pull-Up Progression',
      'Strength for Runners > Running',
      'Mobility Strength > Stretching',
    ],
  },
  {
    name: 'Running',
    stems: [
      'Couch to 5K',
      'Easy Run',
      'Tempo Run',
      'Long Run Coaching',
      'Hill Repeats',
      'Recovery Jog',
      'Treadmill Intervals',
      'Trail Run Guide',
      'Run Form Drills',
      '10K Builder',
      'Mindful Run > Mindfulness',
      'Race Day Prep',
    ],
  },
  {
    name: 'Stretching',
    stems: [
      'Morning Stretch',
      'Desk Stretch',
      'Post-Run Stretch > Running',
      'Hamstring Release',
      'Full-Body Stretch',
      'Neck and Shoulders',
      'Bedtime Stretch > Sleep',
      'Hip Mobility',
      'Back Relief',
      'Foam Rolling > Recovery',
      'Dynamic Warm-Up',
      'Splits Progression',
    ],
  },
  {
    name: 'Nutrition',
    stems: [
      'Protein Basics',
      'Meal Prep Sunday',
      'Hydration Guide',
      'Pre-Workout Fuel',
      'Post-Workout Meals',
      'Mindful Eating > Mindfulness',
      'Gut Health 101',
      'Smoothie Recipes',
      'Plant-Based Week',
      'Sugar Reset',
      'Sleep-Friendly Dinners > Sleep',
      'Snack Swaps',
    ],
  },
  {
    name: 'Mindfulness',
    stems: [
      'Mindful Minute',
      'Stress Check-In',
      'Journaling Prompts',
      'Digital Detox',
      'Mindful Commute',
      'Anxiety Toolkit',
      'Self-Compassion Break',
      'Three Good Things',
      'Evening Reflection',
      'Work Break Reset',
      'Savouring Practice',
      'Noticing Nature',
    ],
  },
  {
    name: 'Pilates',
    stems: [
      'Mat Pilates Basics',
      'Pilates Core Burn',
      'Reformer-Free Pilates',
      'Pilates for Posture',
      'Pilates Sculpt',
      'Wall Pilates',
      'Pilates Stretch > Stretching',
      'Pilates Abs',
      'Pilates Flow',
      'Ring Pilates',
      'Pilates for Back Care',
      'Pilates Legs',
    ],
  },
  {
    name: 'Recovery',
    stems: [
      'Rest Day Guide',
      'Cold Shower Coaching',
      'Sauna Basics',
      'Active Recovery Walk',
      'Massage Gun Routine',
      'Recovery Breathing > Breathing',
      'Sleep for Athletes > Sleep',
      'Deload Week',
      'Legs Up the Wall > Yoga',
      'Contrast Therapy',
      'Injury Prevention',
      'Recovery Nutrition > Nutrition',
    ],
  },
];

export const VARIANTS = ['5 min', '15 min', '30 min'];

export interface Routine {
  name: string;
  steps: string[];
  /** Session start window, hours of the day (UTC). */
  from: number;
  to: number;
}

/** Ordered sessions: what people do one after another, so next-item models have something to find. */
export const ROUTINES: Routine[] = [
  { name: 'Morning calm', steps: ['Yoga', 'Breathing', 'Meditation'], from: 6, to: 8 },
  { name: 'Evening reset', steps: ['Yoga', 'Breathing', 'Meditation', 'Sleep'], from: 20, to: 22 },
  { name: 'Wind down', steps: ['Stretching', 'Mindfulness', 'Sleep'], from: 21, to: 23 },
  { name: 'Workout', steps: ['Stretching', 'HIIT', 'Strength', 'Recovery'], from: 17, to: 19 },
  { name: 'Run day', steps: ['Stretching', 'Running', 'Stretching', 'Nutrition'], from: 6, to: 9 },
  { name: 'Lunch reset', steps: ['Breathing', 'Mindfulness'], from: 12, to: 13 },
  { name: 'Core session', steps: ['Pilates', 'Strength', 'Stretching'], from: 9, to: 11 },
  { name: 'Recovery day', steps: ['Stretching', 'Recovery', 'Nutrition'], from: 10, to: 12 },
];

export const OCCUPATIONS = [
  'student',
  'engineer',
  'nurse',
  'teacher',
  'designer',
  'manager',
  'developer',
  'writer',
  'chef',
  'athlete',
  'retired',
  'other',
];

/** How much more likely each category is among a user's favourites, young (<35) versus older (>=50). */
export const YOUNG_BOOST = new Set(['HIIT', 'Strength', 'Running', 'Nutrition', 'Pilates']);
export const OLDER_BOOST = new Set(['Meditation', 'Sleep', 'Stretching', 'Yoga', 'Breathing', 'Mindfulness']);
