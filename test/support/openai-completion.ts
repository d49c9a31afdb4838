/** A chat.completions response as the OpenAI API (or a server speaking it) returns it, with `content` as the assistant's message. */
export function completion(content: string, model = 'gpt-4o-mini-2024-07-18') {
  return {
    id: 'chatcmpl-BbX2kQ7tL9zWr3mN5pQ8s',
    object: 'chat.completion',
    created: 1763900000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 903,
      completion_tokens: 142,
      total_tokens: 1045,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_560af6e559',
  };
}
