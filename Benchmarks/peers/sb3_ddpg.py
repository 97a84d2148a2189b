"""The DDPG peer of the bench's "batch 256" lines: Stable-Baselines3's DDPG, one update per
environment step, batch 256, on a trivial numpy environment with TaobaoWorld's shapes
(observation 91, action 27), so that the update is what is timed. Prints env-steps/s by wall clock.

    python3 sb3_ddpg.py 128 1        # SB3 with a 2×128 network (the course's shapes), 1 thread
    python3 sb3_ddpg.py default 2    # SB3's default 400-300 network, 2 threads

Setup: a virtual environment with torch from the CPU wheel in pip's find-links folder
(pip install --no-index --find-links "$PIP_FIND_LINKS" torch) and stable-baselines3 from PyPI."""
import sys
import time

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import DDPG

torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)


class ShapesOnly(gym.Env):
    """Random observations, 5-step episodes: costs next to nothing."""

    observation_space = gym.spaces.Box(-1, 1, (91,), np.float32)
    action_space = gym.spaces.Box(-1, 1, (27,), np.float32)

    def reset(self, seed=None, options=None):
        self.t = 0
        return np.random.rand(91).astype(np.float32), {}

    def step(self, action):
        self.t += 1
        return np.random.rand(91).astype(np.float32), float(action[0]), self.t >= 5, False, {}


width = sys.argv[1] if len(sys.argv) > 1 else "128"
network = {} if width == "default" else dict(policy_kwargs=dict(net_arch=[int(width), int(width)]))
model = DDPG(
    "MlpPolicy", ShapesOnly(), batch_size=256, learning_starts=256, train_freq=1, gradient_steps=1, device="cpu",
    **network)
model.learn(600)  # fills the buffer and warms up
start = time.perf_counter()
model.learn(1500, reset_num_timesteps=False)
seconds = time.perf_counter() - start
print(f"SB3 DDPG net={width} threads={torch.get_num_threads()}: {1500 / seconds:.0f} env-steps/s")
