import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { clearFlash, peekFlash } from '../../lib/flash';

/** Shows, once, the message left by the previous page (session expired, password saved…). */
export function FlashMessage() {
  const [flash] = useState(peekFlash);
  useEffect(() => clearFlash(), []);
  if (!flash) return null;
  return (
    <Alert role="status" color={flash.color} variant="light">
      {flash.message}
    </Alert>
  );
}
