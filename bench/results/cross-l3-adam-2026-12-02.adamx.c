#include "minidl.h"
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
#define BLK 8192
int main(){
  long n = 200704; float *g,*m,*v,*w; mdl_alloc(n*4,(void**)&g); mdl_alloc(n*4,(void**)&m); mdl_alloc(n*4,(void**)&v); mdl_alloc(n*4,(void**)&w);
  for(long i=0;i<n;++i){g[i]=1e-3f*(i%7);m[i]=0;v[i]=0;w[i]=0.01f;}
  long nb=(n+BLK-1)/BLK; volatile float sink=0;
  const char* names[]={"standalone","producer same half","producer other half","producer master only"};
  for(int mode=0;mode<4;++mode){ double tot=0, best=1e9; int reps=400;
    for(int r=0;r<reps;++r){
      if(mode>0){
        #pragma omp parallel num_threads(2)
        { int t=omp_get_thread_num(); float s=0;
          for(long b=0;b<nb;++b){ int owner = b < (nb+1)/2 ? 0 : 1; /* static split: first half to thread 0 */
            int writer = mode==1 ? owner : mode==2 ? 1-owner : 0;
            if(writer!=t) continue;
            long lo=b*BLK, hi=lo+BLK<n?lo+BLK:n;
            for(long i=lo;i<hi;++i){ g[i]=1e-3f*((i+r)%7); s+=w[i]; } }
          #pragma omp atomic
          sink+=s; }
      }
      double t0=now(); mdl_adam_step(MDL_F32,n,1e-3,0.9,0.999,1e-8,r+1,g,m,v,w); double e=now()-t0; tot+=e; if(e<best)best=e; }
    printf("%-22s mean %.1f us  best %.1f us\n", names[mode], tot/reps*1e6, best*1e6); }
  return 0; }
