#include "minidl.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
int main(int argc,char**argv){
  long n=argc>1?atol(argv[1]):32768; int dt=argc>2?atoi(argv[2]):0;
  size_t es=dt==0?4:8; void*x,*y; mdl_alloc(n*es,&x); mdl_alloc(n*es,&y);
  srand(1); for(long i=0;i<n;++i){double v=-4+8.0*rand()/RAND_MAX; if(dt==0)((float*)x)[i]=(float)v; else ((double*)x)[i]=v;}
  int ops[3]={MDL_SIGMOID,MDL_TANH,MDL_ELU}; const char*nm[3]={"sigmoid","tanh","elu"};
  long reps = (long)(2e8/n); if(reps<3)reps=3;
  for(int o=0;o<3;++o){ double best=1e9, all[7];
    for(int k=0;k<7;++k){double t0=now(); for(long r=0;r<reps;++r) mdl_map(dt,ops[o],n,x,y,1.0); double t=(now()-t0)/reps/n*1e9; all[k]=t; if(t<best)best=t;} for(int a=0;a<7;++a)for(int b=a+1;b<7;++b)if(all[b]<all[a]){double q=all[a];all[a]=all[b];all[b]=q;}
    printf("%-8s %.3f ns/elem  %.2f GB/s (median %.2f)\n",nm[o],best,2.0*es/best,2.0*es/all[3]);}
  return 0;}
