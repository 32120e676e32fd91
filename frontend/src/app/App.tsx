import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { session } from '../api/client';
import { queryClient } from '../lib/query-client';
import { router } from './router';

// Forget every cached record as soon as the session ends (logout or expiry).
session.subscribe(() => {
  if (!session.current()) queryClient.clear();
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
