// The signed-in token lives in sessionStorage only: gone when the tab closes, never in a URL,
// never logged. The last factory viewed is not a secret and is remembered across sessions.
const tokenKey = "sluice.token";
const factoryKey = "sluice.factory";

export const loadToken = (): string | null => sessionStorage.getItem(tokenKey);
export const saveToken = (token: string): void => sessionStorage.setItem(tokenKey, token);
export const clearToken = (): void => sessionStorage.removeItem(tokenKey);

export const loadFactory = (): string => localStorage.getItem(factoryKey) ?? "default";
export const saveFactory = (factory: string): void => localStorage.setItem(factoryKey, factory);
