/**
 * How many related lessons the side panel lists over all its sections; the badge counts as many.
 * A module of its own so the side panel can know it before it loads the ranking code.
 */
export const PANEL_LIMIT = 60;
