// Asks who is signed in as soon as the page starts, while the app's code is still downloading; the app takes
// this answer at its start (src/app/auth.tsx, meFromEarlyRequest) instead of asking only once its code has run,
// so a page's own data request no longer waits for that round trip. A failed request is the app's to repeat.
window.__c365Me = fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => null);
