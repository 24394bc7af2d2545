/** Raised when the admin dismisses a prompt: not an error worth a message (src/extension.ts checks the name). */
export class SignInCancelled extends Error {
  override name = 'SignInCancelled';
}
