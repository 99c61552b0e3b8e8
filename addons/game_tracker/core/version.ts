/** The addon's version; tests check that it matches plugin.cfg. */
export const SDK_NAME = 'game_tracker';
export const SDK_VERSION = '0.1.0';
