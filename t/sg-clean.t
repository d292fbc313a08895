#!/bin/bash
echo "1..0 # SKIP sg-clean not written yet"
