#!/bin/bash
echo "1..0 # SKIP sg-join not written yet"
