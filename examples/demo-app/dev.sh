#!/bin/sh
# Local development without a GPU: run the drafting model through Ollama.
ollama pull qwen2.5:7b
export VLLM_URL=http://localhost:11434/v1
