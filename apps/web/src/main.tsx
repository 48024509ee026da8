import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dropzone/styles.css';
import './i18n/index.ts';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { meFromEarlyRequest, meQuery } from './app/auth.tsx';
import { createAppRouter } from './app/router.tsx';
import { theme } from './app/theme.ts';
import { ApiError, setUnauthorizedListener } from './lib/api.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not fix itself by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});
// The user as public/session.js asked at the page's start: the router's first look at the session finds it
// answered or on its way, and the page's data request starts without waiting for it.
const earlyMe = meFromEarlyRequest();
if (earlyMe) void queryClient.prefetchQuery({ ...meQuery, queryFn: earlyMe });
const router = createAppRouter(queryClient);
// The page's code and data start loading now, while the UI language's strings arrive: the router itself starts
// only once the layout can render, which waits for those strings.
// (`href`, the URL as opened, wins over `to` when the router builds the location; `to` is only there for the types.)
void router.preloadRoute({ to: '/', href: `${window.location.pathname}${window.location.search}` }).catch(() => undefined);

// Any 401 outside the login flow means the session ended: forget the user, the layout then
// sends them to /login.
setUnauthorizedListener(() => queryClient.setQueryData(meQuery.queryKey, null));

function App() {
  // Not suspended until the strings are in: the router starts loading the page's data meanwhile.
  const { i18n } = useTranslation(undefined, { useSuspense: false });
  // The signed-in user's saved language wins over the browser's.
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryKey[0] !== 'me') return;
        const lang = (event.query.state.data as { user?: { language?: string } } | null | undefined)?.user?.language;
        if (lang && lang !== i18n.language) void i18n.changeLanguage(lang);
      }),
    [i18n],
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          {/* Pages wait here for the UI language's strings (a small file, asked for at the start). */}
          <Suspense fallback={null}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
