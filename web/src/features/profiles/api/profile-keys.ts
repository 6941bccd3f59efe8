export const profileKeys = {
  all: ['profiles'] as const,
  detail: (username: string) => [...profileKeys.all, 'detail', username.toLowerCase()] as const,
};
