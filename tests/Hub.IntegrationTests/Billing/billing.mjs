// The official `openai` npm package meeting Hub's budget step: a 402 from an empty wallet (with its
// figures), and an answer whose max_tokens Hub lowered to what a small balance pays for.
// Prints one JSON object; BillingClientTests asserts on it.
import OpenAI from 'openai';
import { baseURL, client, results, scenario } from './harness.mjs';

const model = 'fake/fake-model';
const messages = [{ role: 'user', content: 'Say hello' }];

await scenario('refused', async () => client.chat.completions.create({ model, messages, max_tokens: 100 }));
try {
  await client.chat.completions.create({ model, messages, max_tokens: 100 });
} catch (error) {
  results.refusedBody = error?.error ?? null;
}

const small = new OpenAI({ baseURL, apiKey: process.env.HUB_SMALL_WALLET_KEY, maxRetries: 0 });
await scenario('capped', async () => {
  const { data, response } = await small.chat.completions.create({ model, messages, max_tokens: 4000 }).withResponse();
  return { content: data.choices[0].message.content, capped: response.headers.get('x-hub-max-tokens-capped') };
});

console.log(JSON.stringify(results));
