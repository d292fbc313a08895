#!/bin/bash
echo "1..0 # SKIP sg-period not written yet"
