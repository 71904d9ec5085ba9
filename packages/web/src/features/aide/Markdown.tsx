import { Anchor, List, Stack, Text } from '@mantine/core';
import { type MdInline, parseMarkdown } from '@statutis/domain';
import { Fragment } from 'react';

function Inlines({ inlines }: { inlines: MdInline[] }) {
  return inlines.map((inline, i) => {
    const key = `${i}-${inline.kind}`;
    if (inline.kind === 'strong') return <strong key={key}>{inline.text}</strong>;
    if (inline.kind === 'link')
      return inline.href ? (
        <Anchor key={key} href={inline.href}>
          {inline.text}
        </Anchor>
      ) : (
        <Fragment key={key}>{inline.text}</Fragment>
      );
    return <Fragment key={key}>{inline.text}</Fragment>;
  });
}

/**
 * Markdown written by the administrator, as React elements only: no innerHTML, so a « <script> » or an
 * « onerror » stays visible text, and an unsafe link target (javascript:) is dropped by the parser.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <Stack gap="xs">
      {parseMarkdown(source).map((block, i) =>
        block.kind === 'paragraph' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity but their place
          <Text key={i}>
            <Inlines inlines={block.inlines} />
          </Text>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity but their place
          <List key={i} type={block.ordered ? 'ordered' : 'unordered'} spacing={4}>
            {block.items.map((item, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity but their place
              <List.Item key={j}>
                <Inlines inlines={item} />
              </List.Item>
            ))}
          </List>
        ),
      )}
    </Stack>
  );
}
